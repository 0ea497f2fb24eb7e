using System;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;

namespace ConnectTools.Warmup
{
    /// <summary>
    /// The five Connect operations as the warm-up runs them: a GET through an HttpClient whose connections are in memory,
    /// a SigV4-shaped SHA-256 and HMAC-SHA256 chain over the request, and the response read with ConnectTools' own JSON
    /// metadata (<see cref="ConnectJson"/>). Deliberately not the AWSSDK.Core client: the SDK's configuration reads the
    /// user's profile files when first asked, and the warm-up touches nothing of the user's.
    /// </summary>
    internal sealed class WarmupOperations : IConnectOperations
    {
        private const string Host = "http://connect.warm-up.invalid";
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("AWS4warm-up-not-a-secret");
        private readonly HttpClient _http;

        internal WarmupOperations(HttpClient http) => _http = http;

        public async Task<ConnectInstance> DescribeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
        {
            var body = await GetAsync<DescribeInstanceBody>("/instance/" + instanceId, cancellationToken).ConfigureAwait(false);
            var instance = body.Instance ?? throw new InvalidOperationException("The warm-up's DescribeInstance answer has no Instance.");
            instance.ReplicationConfiguration = body.ReplicationConfiguration;
            instance.Complete("us-east-1");
            return instance;
        }

        public async Task<Page<ConnectInstance>> ListInstancesAsync(string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default)
        {
            var body = await GetAsync<ListInstancesBody>("/instance", cancellationToken).ConfigureAwait(false);
            var list = body.InstanceSummaryList ?? new System.Collections.Generic.List<ConnectInstance>();
            foreach (var instance in list) instance.Complete("us-east-1");
            return new Page<ConnectInstance>(list, null);
        }

        public async Task<ConnectUser> DescribeUserAsync(string instanceId, string userId, CancellationToken cancellationToken = default)
        {
            var body = await GetAsync<DescribeUserBody>("/users/" + instanceId + "/" + userId, cancellationToken).ConfigureAwait(false);
            var user = body.User ?? throw new InvalidOperationException("The warm-up's DescribeUser answer has no User.");
            user.Complete(instanceId, "us-east-1");
            return user;
        }

        public async Task<Page<ConnectUserListEntry>> ListUsersAsync(string instanceId, string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default)
        {
            var body = await GetAsync<ListUsersBody>("/users-summary/" + instanceId, cancellationToken).ConfigureAwait(false);
            return new Page<ConnectUserListEntry>((System.Collections.Generic.IReadOnlyList<ConnectUserListEntry>?)body.UserSummaryList ?? Array.Empty<ConnectUserListEntry>(), null);
        }

        public Task<Page<ConnectUserSummary>> SearchUsersAsync(string instanceId, UserSearchCriteria? criteria, UserSearchFilter? filter,
            string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Page<ConnectUserSummary>(Array.Empty<ConnectUserSummary>(), null));

        private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Host + path);
            request.Headers.TryAddWithoutValidation("Authorization", Sign("GET\n" + path + "\n\nhost:connect.warm-up.invalid\n"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return JsonSerializer.Deserialize<T>(stream, ConnectJson.Options) ?? throw new InvalidOperationException("The warm-up's answer to " + path + " is empty.");
        }

        /// <summary>SigV4's shape: the SHA-256 of the canonical request, then the chain of HMAC-SHA256 keys and the signature.</summary>
        private static string Sign(string canonicalRequest)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(canonicalRequest));
            byte[] key = Key;
            foreach (string part in new[] { "20260101", "us-east-1", "connect", "aws4_request" })
            {
                using var hmac = new HMACSHA256(key);
                key = hmac.ComputeHash(Encoding.UTF8.GetBytes(part));
            }
            using var final = new HMACSHA256(key);
            byte[] signature = final.ComputeHash(hash);
            var text = new StringBuilder("AWS4-HMAC-SHA256 Signature=", 27 + 64);
            foreach (byte b in signature) text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return text.ToString();
        }
    }
}
