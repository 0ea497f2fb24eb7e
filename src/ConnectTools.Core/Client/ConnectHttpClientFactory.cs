using System;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Amazon.Runtime;

namespace ConnectTools.Client
{
    /// <summary>
    /// Builds the HttpClient the SDK uses, so that TLS verification (-SkipCertificateCheck, -CaBundle), the connect
    /// timeout and the connection pool are ConnectTools' to set. On .NET (PowerShell 7) this is a SocketsHttpHandler:
    /// directly in the .NET 10 build, by reflection in the netstandard2.0 one; on .NET Framework an HttpClientHandler.
    /// </summary>
    internal sealed class ConnectHttpClientFactory : HttpClientFactory
    {
#if !NET
        private static readonly Type? SocketsHandlerType = Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);
#endif

        private readonly HttpSettings _settings;
        private readonly X509Certificate2Collection? _trusted;

        internal ConnectHttpClientFactory(HttpSettings settings)
        {
            _settings = settings;
            _trusted = settings.CaBundle == null ? null : TlsTrust.LoadBundle(settings.CaBundle);
            _client = new Lazy<HttpClient>(Build, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        // The SDK asks for a client on every request when its own cache is off, so the factory keeps one: one
        // HttpClient (one connection pool) per ConnectClient, for the client's lifetime.
        private readonly Lazy<HttpClient> _client;

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client.Value;

        private HttpClient Build() =>
            new HttpClient(_settings.Transport ?? CreateHandler(), disposeHandler: true)
            {
                // Per attempt; 0 means no limit (like --cli-read-timeout 0).
                Timeout = _settings.ReadTimeout is TimeSpan t && t > TimeSpan.Zero ? t : System.Threading.Timeout.InfiniteTimeSpan,
            };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

        public override string GetConfigUniqueString(IClientConfig clientConfig) => "ConnectTools:" + GetHashCode();

        private HttpMessageHandler CreateHandler()
        {
            RemoteCertificateValidationCallback? validate = ValidationCallback();
#if NET
            // The .NET 10 build (PowerShell 7.6+): the handler directly, no reflection on the first call's path.
            var sockets = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = _settings.MaxConnections,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            };
            if (_settings.ConnectTimeout is TimeSpan connect && connect > TimeSpan.Zero) sockets.ConnectTimeout = connect;
            if (validate != null) sockets.SslOptions.RemoteCertificateValidationCallback = validate;
            if (_settings.ConnectCallback != null) sockets.ConnectCallback = _settings.ConnectCallback;
            return sockets;
#else
            if (SocketsHandlerType != null)
            {
                var handler = (HttpMessageHandler)Activator.CreateInstance(SocketsHandlerType)!;
                Set(handler, "MaxConnectionsPerServer", _settings.MaxConnections);
                Set(handler, "AutomaticDecompression", DecompressionMethods.GZip | DecompressionMethods.Deflate);
                Set(handler, "PooledConnectionLifetime", TimeSpan.FromMinutes(5));
                if (_settings.ConnectTimeout is TimeSpan ct && ct > TimeSpan.Zero) Set(handler, "ConnectTimeout", ct);
                if (validate != null)
                {
                    object sslOptions = SocketsHandlerType.GetProperty("SslOptions")!.GetValue(handler)!;
                    sslOptions.GetType().GetProperty("RemoteCertificateValidationCallback")!.SetValue(sslOptions, validate);
                }
                return handler;
            }

            var classic = new HttpClientHandler
            {
                MaxConnectionsPerServer = _settings.MaxConnections,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            if (validate != null)
                classic.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) => validate(msg, cert, chain, errors);
            return classic;
#endif
        }

        private RemoteCertificateValidationCallback? ValidationCallback()
        {
            if (_settings.SkipCertificateCheck) return (sender, cert, chain, errors) => true;
            if (_trusted == null) return null;
            var trusted = _trusted;
            return (sender, cert, chain, errors) => TlsTrust.Validate(cert, errors, trusted);
        }

#if !NET
        private static void Set(object target, string property, object value)
        {
            PropertyInfo? p = target.GetType().GetProperty(property);
            p?.SetValue(target, value);
        }
#endif
    }
}
