using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Enumeration;

namespace ConnectTools.WarmUp
{
    /// <summary>
    /// Readies the call path in the background when the module is imported, so the first command of a session does not
    /// wait for it: on one low-priority background thread, a session with made-up keys runs each listing and call the
    /// cmdlets make (ListInstances and DescribeInstance, DescribeUser, ListUsers, SearchUsers) through the real client,
    /// pipeline, signer, rate gate, listing engine and body readers, answered in memory by
    /// <see cref="CannedConnectHandler"/>. Nothing is sent, no credential or profile of the user is read, no client or
    /// connection is kept, and nothing it does is visible to the session. What it saves the first real command: the JIT
    /// compiling, type loading and first use of the cryptography that every session pays once. A failure is kept (for
    /// tests and -Debug) and otherwise ignored: the real call does the same work and reports its own errors.
    /// Off when CONNECTTOOLS_WARMUP is 0, false or off.
    /// </summary>
    public static class ConnectWarmUp
    {
        public const string VariableName = "CONNECTTOOLS_WARMUP";
        private static readonly object Gate = new object();
        private static Task<WarmUpResult>? _run;

        /// <summary>The warm-up started at import (null when it was turned off or not started).</summary>
        public static Task<WarmUpResult>? Running
        {
            get { lock (Gate) return _run; }
        }

        /// <summary>
        /// Starts the warm-up once per process, unless <see cref="VariableName"/> turns it off; true when it runs.
        /// <paramref name="wildcards"/>: the caller's wildcard dialect, so the filtered listing runs as a command's does;
        /// <paramref name="first"/>: the caller's own warm-up, run first on the same thread.
        /// </summary>
        public static bool Start(IWildcardDialect wildcards, Action? first = null, IEnvironmentReader? environment = null)
        {
            if (IsOff((environment ?? ProcessEnvironment.Instance).Get(VariableName))) return false;
            lock (Gate)
            {
                if (_run != null) return true;
                var done = new TaskCompletionSource<WarmUpResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                var thread = new Thread(() => done.SetResult(Run(wildcards, first)))
                {
                    IsBackground = true, // never keeps the process alive
                    Name = "ConnectTools warm-up",
                    Priority = ThreadPriority.BelowNormal,
                };
                _run = done.Task;
                thread.Start();
            }
            return true;
        }

        internal static bool IsOff(string? value)
        {
            string v = (value ?? "").Trim();
            return v == "0" || v.Equals("false", StringComparison.OrdinalIgnoreCase) || v.Equals("off", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>One warm-up, on the calling thread: what it got back, or the exception that stopped it.</summary>
        internal static WarmUpResult Run(IWildcardDialect wildcards, Action? first = null)
        {
            var result = new WarmUpResult();
            try
            {
                first?.Invoke();
            }
            catch (Exception e)
            {
                result.Failure = e;
            }
            var handler = new CannedConnectHandler();
            int connections = 0;
            try
            {
                // The listings, through an endpoint URL (as -EndpointUrl gives one). On .NET over SocketsHttpHandler with
                // in-memory connections, so its HTTP/1.1 code runs too; on .NET Framework over the in-memory handler.
                var http = new HttpSettings();
#if NET
                http.ConnectCallback = CannedHttpConnection.Callback(() => Interlocked.Increment(ref connections));
#else
                http.Transport = handler;
#endif
                var client = Session("http://warm-up.connecttools.invalid", http).ClientFor();
                var monitor = new ListingMonitor();
                foreach (var instance in Listings.Instances(client, null, new ListingOptions(), monitor, CancellationToken.None))
                    result.Instances.Add(instance.Value?.InstanceAlias ?? throw instance.Error!);

                string instanceId = CannedConnect.InstanceId;
                result.Users.Add(client.DescribeUserAsync(instanceId, CannedConnect.UserId).GetAwaiter().GetResult().Username!);
                Collect(Listings.Users(client, instanceId, new UserQuery(wildcards), new ListingOptions(), monitor, CancellationToken.None), result);
                var filtered = new UserQuery(wildcards) { Username = new[] { CannedConnect.Username.Substring(0, 4) + "*" } };
                Collect(Listings.Users(client, instanceId, filtered, new ListingOptions(), monitor, CancellationToken.None), result);

                // The Region's own endpoint (no endpoint URL): its resolution, over the in-memory handler (no TLS to fake).
                var regional = Session(null, new HttpSettings { Transport = handler }).ClientFor();
                result.Instances.Add(regional.DescribeInstanceAsync(instanceId).GetAwaiter().GetResult().InstanceAlias!);
            }
            catch (Exception e)
            {
                result.Failure = e;
            }
            result.Requests = handler.Answered + Volatile.Read(ref connections);
            return result;
        }

        /// <summary>
        /// A session that owns its clients, with made-up keys in a made-up environment and profile files that do not
        /// exist, so the resolver's checks run without reading the user's.
        /// </summary>
        private static ConnectSession Session(string? endpointUrl, HttpSettings http)
        {
            string nowhere = Path.Combine(Path.GetTempPath(), "connecttools-warm-up-" + Guid.NewGuid().ToString("N"));
            var environment = new DictionaryEnvironment(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["AWS_ACCESS_KEY_ID"] = "AKIAWARMUP0000000000",
                ["AWS_SECRET_ACCESS_KEY"] = "warm-up-not-a-secret",
                ["AWS_CONFIG_FILE"] = Path.Combine(nowhere, "config"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(nowhere, "credentials"),
            });
            var settings = new AwsSettings { Region = "us-east-1", RegionSource = "-Region", EndpointUrl = endpointUrl, Environment = environment };
            return new ConnectSession(settings, http, verbose: null, shareClients: false);
        }

        private static void Collect(IEnumerable<ListingResult<ConnectUserBase>> users, WarmUpResult result)
        {
            foreach (var user in users) result.Users.Add(user.Value?.Username ?? throw user.Error!);
        }
    }
}
