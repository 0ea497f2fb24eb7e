using System;
using System.Collections.Generic;
using System.Globalization;
using Amazon;
using Amazon.Runtime;
using ConnectTools.Pacing;
using ConnectTools.Auth;

namespace ConnectTools.Client
{
    /// <summary>
    /// Makes Connect clients and keeps them: one client (and one connection pool) per credentials, region, endpoint and
    /// HTTP settings, reused by every cmdlet call in the session.
    /// </summary>
    public static class ConnectClientFactory
    {
        private const int MaxCachedClients = 16;
        private static readonly object Gate = new object();
        private static readonly LinkedList<KeyValuePair<string, ConnectClient>> Cache = new LinkedList<KeyValuePair<string, ConnectClient>>();

        /// <summary>A client for <paramref name="options"/>, from the cache when one was made already.</summary>
        public static ConnectClient Get(ClientOptions options, Action<string>? verbose = null)
        {
            string key = KeyOf(options);
            lock (Gate)
            {
                for (var node = Cache.First; node != null; node = node.Next)
                {
                    if (node.Value.Key != key) continue;
                    Cache.Remove(node);
                    Cache.AddFirst(node);
                    return node.Value.Value;
                }
            }

            var client = Create(options, verbose);
            lock (Gate)
            {
                Cache.AddFirst(new KeyValuePair<string, ConnectClient>(key, client));
                while (Cache.Count > MaxCachedClients)
                {
                    // Not disposed: a pipeline elsewhere may still hold it; the GC reclaims it.
                    Cache.RemoveLast();
                }
            }
            return client;
        }

        /// <summary>A new client, not cached (tests and benchmarks).</summary>
        public static ConnectClient Create(ClientOptions options, Action<string>? verbose = null)
        {
            var log = verbose ?? (_ => { });
            var config = new ConnectClientConfig();
            SharedConfigSettings.Apply(config, options.Environment);
            string region = options.Aws.Region;
            if (options.EndpointUrl != null)
            {
                config.ServiceURL = CheckEndpointUrl(options.EndpointUrl);
                config.AuthenticationRegion = region;
                log("Endpoint: " + config.ServiceURL + " (-EndpointUrl), signing region " + region + ".");
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
                config.UseFIPSEndpoint = IsTrue(options.Environment.Get("AWS_USE_FIPS_ENDPOINT"));
                config.UseDualstackEndpoint = IsTrue(options.Environment.Get("AWS_USE_DUALSTACK_ENDPOINT"));
                log("Endpoint: " + ConnectEndpointProvider.HostFor(region, config.UseFIPSEndpoint, config.UseDualstackEndpoint) + ".");
            }

            ApplyRetrySettings(config, options.Environment, log);
            var http = options.Http;
            if (http.ReadTimeout is TimeSpan read && read > TimeSpan.Zero) config.Timeout = read;
            config.HttpClientFactory = new ConnectHttpClientFactory(http);
            if (http.SkipCertificateCheck) log("TLS: certificate verification is OFF (-SkipCertificateCheck).");
            else if (http.CaBundle != null) log("TLS: trusting the certificates in " + http.CaBundle + " (-CaBundle) as well as the system's.");
            // Pacing is ConnectTools' own (RequestRateGate: one per account, Region and endpoint in the process, shared by
            // every client); the SDK's retry quota would give up on long 429 storms.
            config.ThrottleRetries = false;
            var quotas = ApiQuotas.Parse(options.Environment.Get(ApiQuotas.VariableName));
            var gate = http.InMemory
                ? RequestRateGate.Detached(quotas)
                : RequestRateGate.For(options.Aws.IdentityKey ?? "?", region, options.EndpointUrl, quotas);
            return new ConnectClient(options.Aws.Credentials, config) { Gate = gate };
        }

        /// <summary>AWS_MAX_ATTEMPTS and AWS_RETRY_MODE, like the AWS tools. Adaptive mode maps to Standard (see the notes on AWSSDK.Core).</summary>
        internal static void ApplyRetrySettings(ConnectClientConfig config, IEnvironmentReader env, Action<string> log)
        {
            config.RetryMode = RequestRetryMode.Standard;
            string? mode = env.Get("AWS_RETRY_MODE");
            if (mode != null)
            {
                switch (mode.Trim().ToLowerInvariant())
                {
                    case "standard": break;
                    case "legacy":
                        log("Retries: AWS_RETRY_MODE=legacy is not offered by AWSSDK.Core 4; Standard retries are used.");
                        break;
                    case "adaptive":
                        log("Retries: AWS_RETRY_MODE=adaptive is served by Standard retries plus ConnectTools' own rate limiter.");
                        break;
                    default:
                        throw new ConnectInputException("AWS_RETRY_MODE", $"The environment variable AWS_RETRY_MODE is '{InputText.Show(mode)}'; use standard, legacy or adaptive.");
                }
            }
            int attempts = 3;
            string? max = env.Get("AWS_MAX_ATTEMPTS");
            if (max != null && (!int.TryParse(max, NumberStyles.Integer, CultureInfo.InvariantCulture, out attempts) || attempts < 1 || attempts > 100))
                throw new ConnectInputException("AWS_MAX_ATTEMPTS", $"The environment variable AWS_MAX_ATTEMPTS is '{InputText.Show(max)}'; use a whole number from 1 to 100.");
            config.MaxErrorRetry = attempts - 1;
            // AWSSDK.Core 4.0.102 retries up to 10 more times, uncounted, when an attempt fails with a reset, aborted or
            // shut-down socket (a "stale pooled connection"). A server that resets every connection, or a read timeout
            // that races the socket's teardown, then gets more attempts than AWS_MAX_ATTEMPTS says: every attempt counts.
            config.MaxStaleConnectionRetries = 0;
            log("Retries: " + config.RetryMode + " mode, at most " + attempts + " attempts per call" + (max == null ? "" : " (AWS_MAX_ATTEMPTS)") + ".");
        }

        /// <summary>An absolute http or https URL, else an input error.</summary>
        public static string CheckEndpointUrl(string url)
        {
            if (string.IsNullOrWhiteSpace(url) ||
                !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ||
                (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
                string.IsNullOrEmpty(uri.Host))
            {
                throw new ConnectInputException("EndpointUrl",
                    $"'{InputText.Show(url)}' is not an absolute http or https URL. Give a URL like https://connect.us-east-1.amazonaws.com or http://127.0.0.1:5000.");
            }
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new ConnectInputException("EndpointUrl", $"'{InputText.Show(url)}' has a query or fragment; give only scheme, host, port and an optional path.");
            return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

        private static string KeyOf(ClientOptions o) =>
            string.Join("\n", o.Aws.IdentityKey ?? "?", o.Aws.Region, o.EndpointUrl ?? "", o.Http.Key,
                o.Environment.Get("AWS_MAX_ATTEMPTS") ?? "", o.Environment.Get("AWS_RETRY_MODE") ?? "",
                o.Environment.Get("AWS_USE_FIPS_ENDPOINT") ?? "", o.Environment.Get("AWS_USE_DUALSTACK_ENDPOINT") ?? "",
                o.Environment.Get(ApiQuotas.VariableName) ?? "");
    }
}
