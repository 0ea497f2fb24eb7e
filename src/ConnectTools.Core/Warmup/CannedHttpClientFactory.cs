using System;
using System.Net;
using System.Net.Http;
using Amazon.Runtime;

namespace ConnectTools.Warmup
{
    /// <summary>
    /// The warm-up client's HttpClient. On .NET (PowerShell 7.6+): a SocketsHttpHandler set up like the one
    /// ConnectHttpClientFactory builds, whose connections are <see cref="CannedHttpStream"/>s in memory (its
    /// ConnectCallback; no proxy, so no proxy setting is read); elsewhere, or when <paramref name="inMemoryHandler"/>, the
    /// <see cref="CannedConnectHandler"/> itself.
    /// </summary>
    internal sealed class CannedHttpClientFactory : HttpClientFactory
    {
        private readonly HttpClient _client;

        internal CannedHttpClientFactory(CannedConnectHandler handler, bool inMemoryHandler)
        {
#if NET
            if (!inMemoryHandler)
            {
                var sockets = new SocketsHttpHandler
                {
                    UseProxy = false,
                    MaxConnectionsPerServer = 64,
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    ConnectTimeout = TimeSpan.FromSeconds(60),
                    ConnectCallback = (context, ct) => new System.Threading.Tasks.ValueTask<System.IO.Stream>(new CannedHttpStream(handler)),
                };
                _client = new HttpClient(sockets, disposeHandler: true);
                return;
            }
#endif
            _client = new HttpClient(handler, disposeHandler: false);
        }

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "ConnectTools.Warmup";
    }
}
