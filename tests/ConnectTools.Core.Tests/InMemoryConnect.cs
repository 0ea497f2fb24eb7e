using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// Amazon Connect in memory, behind <see cref="IConnectOperations"/>: no HTTP, no SDK pipeline. Pages hold at most
    /// <see cref="PageLimit"/> items whatever MaxResults asks (the service may return fewer), ids named in
    /// <see cref="ThrottleOnce"/> answer ThrottlingException the first time they are described, and every call is
    /// counted. <see cref="BeforeDescribe"/> runs inside each describe call (to hold calls, delay them, count them).
    /// </summary>
    internal sealed class InMemoryConnect : IConnectOperations
    {
        private readonly ConcurrentDictionary<string, int> _describes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string?> _listTokens = new ConcurrentQueue<string?>();

        internal InMemoryConnect(string instanceId, int users, int instances = 0)
        {
            InstanceId = instanceId;
            Users = Enumerable.Range(0, users).Select(i => "u" + i.ToString("D3")).ToList();
            Instances = Enumerable.Range(0, instances).Select(i => "i" + i.ToString("D2")).ToList();
        }

        internal string InstanceId { get; }
        internal IReadOnlyList<string> Users { get; }
        internal IReadOnlyList<string> Instances { get; }
        internal int PageLimit { get; set; } = 40;
        internal HashSet<string> ThrottleOnce { get; } = new HashSet<string>(StringComparer.Ordinal);
        internal Func<string, CancellationToken, Task>? BeforeDescribe { get; set; }

        /// <summary>The NextToken of each list call, in order (null: the first page).</summary>
        internal IReadOnlyList<string?> ListTokens => _listTokens.ToList();

        internal int Describes(string id) => _describes.TryGetValue(id, out var n) ? n : 0;
        internal int AllDescribes => _describes.Values.Sum();

        public async Task<ConnectInstance> DescribeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
        {
            await Describe(instanceId, cancellationToken);
            if (!Instances.Contains(instanceId)) throw Error("ResourceNotFoundException", HttpStatusCode.NotFound, "Instance not found: " + instanceId);
            return new ConnectInstance { Id = instanceId, InstanceAlias = "alias-" + instanceId, InstanceStatus = "ACTIVE" };
        }

        public Task<Page<ConnectInstance>> ListInstancesAsync(string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(PageOf(Instances, nextToken, maxResults, id => new ConnectInstance { Id = id, InstanceAlias = "alias-" + id }));

        public async Task<ConnectUser> DescribeUserAsync(string instanceId, string userId, CancellationToken cancellationToken = default)
        {
            await Describe(userId, cancellationToken);
            CheckInstance(instanceId);
            return new ConnectUser { Id = userId, Username = "name-" + userId, InstanceId = instanceId };
        }

        public Task<Page<ConnectUserListEntry>> ListUsersAsync(string instanceId, string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default)
        {
            CheckInstance(instanceId);
            return Task.FromResult(PageOf(Users, nextToken, maxResults, id => new ConnectUserListEntry { Id = id, Username = "name-" + id }));
        }

        public Task<Page<ConnectUserSummary>> SearchUsersAsync(string instanceId, UserSearchCriteria? criteria, UserSearchFilter? filter,
            string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default)
        {
            CheckInstance(instanceId);
            var page = PageOf(Users, nextToken, maxResults, id => new ConnectUserSummary { Id = id, Username = "name-" + id });
            return Task.FromResult(new Page<ConnectUserSummary>(page.Items, page.NextToken, Users.Count));
        }

        private async Task Describe(string id, CancellationToken ct)
        {
            int n = _describes.AddOrUpdate(id, 1, (_, c) => c + 1);
            if (BeforeDescribe != null) await BeforeDescribe(id, ct);
            if (n == 1 && ThrottleOnce.Contains(id)) throw Error("ThrottlingException", (HttpStatusCode)429, "Rate exceeded");
        }

        private Page<T> PageOf<T>(IReadOnlyList<string> ids, string? token, int? maxResults, Func<string, T> make)
        {
            _listTokens.Enqueue(token);
            int start = token == null ? 0 : int.Parse(token);
            int size = Math.Min(maxResults ?? PageLimit, PageLimit);
            var items = ids.Skip(start).Take(size).Select(make).ToList();
            return new Page<T>(items, start + size < ids.Count ? (start + size).ToString() : null);
        }

        private void CheckInstance(string instanceId)
        {
            if (instanceId != InstanceId) throw Error("ResourceNotFoundException", HttpStatusCode.NotFound, "Instance not found: " + instanceId);
        }

        private static ConnectServiceException Error(string code, HttpStatusCode status, string message) =>
            new ConnectServiceException(message, null, ErrorType.Sender, code, null, status);
    }
}
