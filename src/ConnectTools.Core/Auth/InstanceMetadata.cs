using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Auth
{
    /// <summary>
    /// A quick probe of the EC2 instance metadata service (IMDSv2), so that a machine that is not on EC2 fails in about
    /// a second instead of the SDK's long default wait. Honours AWS_EC2_METADATA_DISABLED and AWS_EC2_METADATA_SERVICE_ENDPOINT.
    /// </summary>
    internal static class InstanceMetadata
    {
        private const string DefaultEndpoint = "http://169.254.169.254";
        private static readonly ConcurrentDictionary<string, (ProbeResult Result, DateTime At)> Cache = new ConcurrentDictionary<string, (ProbeResult, DateTime)>();

        internal sealed class ProbeResult
        {
            internal ProbeResult(bool available, string endpoint, string? region, string reason)
            {
                Available = available;
                Endpoint = endpoint;
                Region = region;
                Reason = reason;
            }

            internal bool Available { get; }
            internal string Endpoint { get; }
            internal string? Region { get; }
            internal string Reason { get; }
            internal string Describe() => Reason;
        }

        internal static ProbeResult Probe(IEnvironmentReader env, TimeSpan timeout)
        {
            if (string.Equals(env.Get("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
                return new ProbeResult(false, "", null, "is disabled by AWS_EC2_METADATA_DISABLED");
            string endpoint = (env.Get("AWS_EC2_METADATA_SERVICE_ENDPOINT") ?? DefaultEndpoint).TrimEnd('/');
            if (Cache.TryGetValue(endpoint, out var cached) && DateTime.UtcNow - cached.At < TimeSpan.FromMinutes(5))
                return cached.Result;
            var result = ProbeNow(endpoint, timeout);
            Cache[endpoint] = (result, DateTime.UtcNow);
            return result;
        }

        private static ProbeResult ProbeNow(string endpoint, TimeSpan timeout)
        {
            try
            {
                using var cts = new CancellationTokenSource(timeout);
                using var http = new HttpClient { Timeout = timeout };
                return Task.Run(async () =>
                {
                    var tokenRequest = new HttpRequestMessage(HttpMethod.Put, endpoint + "/latest/api/token");
                    tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "60");
                    using var tokenResponse = await http.SendAsync(tokenRequest, cts.Token).ConfigureAwait(false);
                    if (!tokenResponse.IsSuccessStatusCode)
                        return new ProbeResult(false, endpoint, null, "at " + endpoint + " answered HTTP " + (int)tokenResponse.StatusCode);
                    string token = await tokenResponse.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var regionRequest = new HttpRequestMessage(HttpMethod.Get, endpoint + "/latest/meta-data/placement/region");
                    regionRequest.Headers.Add("X-aws-ec2-metadata-token", token);
                    using var regionResponse = await http.SendAsync(regionRequest, cts.Token).ConfigureAwait(false);
                    string? region = regionResponse.IsSuccessStatusCode ? (await regionResponse.Content.ReadAsStringAsync().ConfigureAwait(false)).Trim() : null;
                    return new ProbeResult(true, endpoint, region, "is available at " + endpoint);
                }).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException || e is TimeoutException)
            {
                return new ProbeResult(false, endpoint, null, "is not reachable at " + endpoint + " (not on EC2)");
            }
        }
    }
}
