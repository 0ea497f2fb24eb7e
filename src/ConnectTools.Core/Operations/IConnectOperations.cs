using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools
{
    /// <summary>
    /// The Amazon Connect operations ConnectTools uses, and nothing else: what the listings, the cmdlets and the
    /// completer need from Connect. <see cref="Client.ConnectClient"/> implements them over HTTP on AWSSDK.Core; the
    /// enumeration engine and the listings depend only on this interface, so they run as well on an in-memory
    /// implementation (the core's tests) or on another backend.
    /// Each call either returns the service's answer, its objects completed (Region, instance, ARN), or throws a
    /// <see cref="ConnectServiceException"/>; one whose <see cref="ConnectServiceException.IsThrottling"/> is true is
    /// tried again by the listings.
    /// </summary>
    public interface IConnectOperations
    {
        /// <summary>DescribeInstance: one instance in full.</summary>
        Task<ConnectInstance> DescribeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

        /// <summary>ListInstances: one page of instance summaries (null token: the first page).</summary>
        Task<Page<ConnectInstance>> ListInstancesAsync(string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default);

        /// <summary>DescribeUser: one user in full.</summary>
        Task<ConnectUser> DescribeUserAsync(string instanceId, string userId, CancellationToken cancellationToken = default);

        /// <summary>ListUsers: one page of an instance's users (id, ARN, user name).</summary>
        Task<Page<ConnectUserListEntry>> ListUsersAsync(string instanceId, string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default);

        /// <summary>SearchUsers: one page of the users that match, with the total the service announces.</summary>
        Task<Page<ConnectUserSummary>> SearchUsersAsync(string instanceId, UserSearchCriteria? criteria, UserSearchFilter? filter,
            string? nextToken, int? maxResults = null, CancellationToken cancellationToken = default);
    }
}
