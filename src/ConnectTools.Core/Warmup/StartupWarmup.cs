using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Enumeration;
using ConnectTools.Pacing;

namespace ConnectTools.Warmup
{
    /// <summary>
    /// Prepares a fresh process for its first call while PowerShell is still busy binding the first command: on a
    /// background thread started at Import-Module, a client built like ConnectClientFactory's (dummy credentials, the
    /// same pipeline, pacing gate and JSON) lists instances and describes one and a user, signed, against
    /// <see cref="CannedConnectHandler"/> in memory. So AWSSDK.Core's statics, SigV4 and its crypto, System.Text.Json's
    /// metadata, the listing engine and the generic code .NET compiles for them at first use (ReadyToRun cannot hold it)
    /// are ready when the user's own first call comes. It reads no setting, credential, profile file or environment
    /// variable of the user's, opens no socket, writes nothing, and swallows any failure (the user's call then simply
    /// does the work itself).
    /// </summary>
    public static class StartupWarmup
    {
        private static int _started;
        private static readonly TaskCompletionSource<int> Done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the warm-up has run (with the number of requests the in-memory handler answered), or faults with what stopped it.</summary>
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
                var handler = new CannedConnectHandler();
                var environment = new DictionaryEnvironment(new Dictionary<string, string?>());
                var quotas = ApiQuotas.Parse(null);

                // -EndpointUrl's shape first (ServiceURL), then a Region endpoint as a session without one uses.
                var byUrl = Client(handler, environment, "us-east-1", ConnectClientFactory.CheckEndpointUrl("http://connect.warm-up.invalid"), quotas);
                var options = new ListingOptions { ThrottleLimit = ConcurrencyDefaults.InstanceThrottleLimit };
                foreach (var result in Listings.Instances(byUrl, null, options, new ListingMonitor(), CancellationToken.None)) GC.KeepAlive(result);

                var byRegion = Client(handler, environment, "us-east-1", null, quotas);
                byRegion.DescribeInstanceAsync(CannedConnectHandler.InstanceId).GetAwaiter().GetResult();
                byRegion.ListUsersAsync(CannedConnectHandler.InstanceId, null).GetAwaiter().GetResult();
                byRegion.DescribeUserAsync(CannedConnectHandler.InstanceId, CannedConnectHandler.UserId).GetAwaiter().GetResult();
                byUrl.Dispose();
                byRegion.Dispose();
                Done.TrySetResult(handler.Requests);
            }
            catch (Exception e)
            {
                Done.TrySetException(e);
            }
        }

        private static ConnectClient Client(CannedConnectHandler handler, IEnvironmentReader environment, string region, string? serviceUrl,
            IReadOnlyDictionary<string, ApiQuota> quotas)
        {
            var config = new ConnectClientConfig();
            if (serviceUrl != null)
            {
                config.ServiceURL = serviceUrl;
                config.AuthenticationRegion = region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            ConnectClientFactory.ApplyRetrySettings(config, environment, _ => { });
            config.ThrottleRetries = false;
            config.HttpClientFactory = new CannedHttpClientFactory(handler, inMemoryHandler: serviceUrl == null);
            // A gate of its own (the identity names no user's credentials), so no user's pacing state is touched.
            var gate = RequestRateGate.For("ConnectTools.Warmup", region, serviceUrl ?? "warm-up", quotas);
            return new ConnectClient(new BasicAWSCredentials("AKIDWARMUPWARMUPWARM", "warm-up-not-a-secret"), config) { Gate = gate };
        }
    }
}
