using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;

namespace ConnectTools.Warmup
{
    /// <summary>
    /// Prepares a fresh process for its first call while PowerShell is still busy binding the first command: on a
    /// background thread started at Import-Module, the listing engine lists instances and describes one and a user
    /// through <see cref="WarmupOperations"/>: HTTP/1.1 over a SocketsHttpHandler whose connections are in memory
    /// (CannedHttpStream), SHA-256/HMAC-SHA256 and ConnectTools' JSON metadata. So the crypto library,
    /// System.Net.Http's connection code, System.Text.Json and the generic code .NET compiles at first use for the
    /// listing engine (ReadyToRun cannot hold it) are ready when the user's own first call comes.
    /// It reads no setting, credential, profile file or environment variable of the user's (it does not use AWSSDK.Core,
    /// whose configuration reads the profile files), opens no socket, resolves no name, writes nothing, and keeps any
    /// failure to itself (<see cref="Completion"/>): the user's call then simply does the work itself.
    /// </summary>
    public static class StartupWarmup
    {
        private static int _started;
        private static readonly TaskCompletionSource<int> Done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the warm-up has run (with the number of requests answered in memory), or faults with what stopped it.</summary>
        public static Task<int> Completion => Done.Task;

        /// <summary>Starts the warm-up once per process on a background thread; later calls do nothing.</summary>
        public static void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            try
            {
                new Thread(Run) { IsBackground = true, Name = "ConnectTools warm-up" }.Start();
            }
            catch (Exception e)
            {
                Done.TrySetException(e);
            }
        }

        private static void Run()
        {
            try
            {
                var server = new CannedConnectHandler();
                using var http = new HttpClient(Handler(server), disposeHandler: true);
                var operations = new WarmupOperations(http);
                var options = new ListingOptions { ThrottleLimit = ConcurrencyDefaults.InstanceThrottleLimit };
                foreach (var result in Listings.Instances(operations, null, options, new ListingMonitor(), CancellationToken.None)) GC.KeepAlive(result);
                operations.ListUsersAsync(CannedConnectHandler.InstanceId, null).GetAwaiter().GetResult();
                operations.DescribeUserAsync(CannedConnectHandler.InstanceId, CannedConnectHandler.UserId).GetAwaiter().GetResult();
                Done.TrySetResult(server.Requests);
            }
            catch (Exception e)
            {
                Done.TrySetException(e);
            }
        }

        /// <summary>
        /// On .NET: a SocketsHttpHandler set up like ConnectHttpClientFactory's, whose ConnectCallback hands it an in-memory
        /// exchange (no socket, no DNS; no proxy, so no proxy setting is read); elsewhere the in-memory handler itself.
        /// </summary>
        private static HttpMessageHandler Handler(CannedConnectHandler server)
        {
#if NET
            return new SocketsHttpHandler
            {
                UseProxy = false,
                MaxConnectionsPerServer = 64,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = (context, ct) => new ValueTask<System.IO.Stream>(new CannedHttpStream(server)),
            };
#else
            return server;
#endif
        }
    }
}
