using System.Collections.Generic;
using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace ConnectTools.Client
{
    /// <summary>A Connect operation's request: its name for messages, and how it becomes an HTTP request.</summary>
    internal abstract class ConnectRequest : AmazonWebServiceRequest, IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        internal abstract string OperationName { get; }

        /// <summary>HTTP attempts made so far (counted by <see cref="AttemptHandler"/>).</summary>
        internal int Attempts;

        /// <summary>The id the call is about, for error messages.</summary>
        internal abstract string? ResourceId { get; }

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var request = new ConnectWireRequest(input);
            request.Headers["X-Amz-Api-Version"] = "2017-08-08";
            ((ConnectRequest)input).Fill(request);
            // A GET has no body: its payload hash is the empty string's, known in advance, instead of hashed per attempt.
            if (request.HttpMethod == "GET") request.PrecomputedContentSha256 = Amazon.Runtime.Internal.Auth.AWS4Signer.EmptyBodySha256;
            return request;
        }

        protected abstract void Fill(IRequest request);

        /// <summary>"/a/b" when every segment is unreserved (no encoding), for the lean signer and Uri; else null.</summary>
        protected static string? Plain(string prefix, string id) =>
            ConnectHttpHandler.Unreserved(id) ? prefix + id : null;

        protected static string? Plain(string prefix, string id1, string id2) =>
            ConnectHttpHandler.Unreserved(id1) && ConnectHttpHandler.Unreserved(id2) ? prefix + id1 + "/" + id2 : null;

        /// <summary>
        /// The query of a listing: its parameters (null values left out), sent in the Uri, and the query as the SDK writes
        /// it when no value needs encoding, for the lean signer and Uri. The names are given in ordinal order, the SDK's.
        /// </summary>
        protected static void Query(IRequest request, string name1, string? value1, string name2, string? value2)
        {
            System.Diagnostics.Debug.Assert(string.CompareOrdinal(name1, name2) < 0 && ConnectHttpHandler.UnreservedChars(name1 + name2));
            if (value1 != null) request.Parameters.Add(name1, value1);
            if (value2 != null) request.Parameters.Add(name2, value2);
            request.UseQueryString = true;
            if ((value1 != null && !ConnectHttpHandler.UnreservedChars(value1)) || (value2 != null && !ConnectHttpHandler.UnreservedChars(value2))) return;
            var wire = (ConnectWireRequest)request;
            wire.PlainQuery = value1 == null ? (value2 == null ? "" : name2 + "=" + value2)
                : value2 == null ? name1 + "=" + value1 : name1 + "=" + value1 + "&" + name2 + "=" + value2;
            wire.QueryCount = request.Parameters.Count;
        }

        protected static string? Int(int? value) => value?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The SDK's request, with the path already worked out when it needs no encoding.</summary>
    internal sealed class ConnectWireRequest : DefaultRequest
    {
        internal ConnectWireRequest(AmazonWebServiceRequest input)
            : base(input, "Connect")
        {
        }

        /// <summary>The resource path with its ids put in, when none needs encoding; else null (the SDK's way).</summary>
        internal string? PlainPath;

        /// <summary>The query as the SDK writes it, when nothing in it needs encoding; else null (the SDK's way).</summary>
        internal string? PlainQuery;

        /// <summary>The number of parameters <see cref="PlainQuery"/> was written for (a parameter added since voids it).</summary>
        internal int QueryCount;
    }

    internal sealed class DescribeInstanceRequest : ConnectRequest
    {
        internal string InstanceId = "";
        internal override string OperationName => "DescribeInstance";
        internal override string? ResourceId => InstanceId;

        protected override void Fill(IRequest request)
        {
            request.HttpMethod = "GET";
            request.AddPathResource("{InstanceId}", InstanceId);
            request.ResourcePath = "/instance/{InstanceId}";
            ((ConnectWireRequest)request).PlainPath = Plain("/instance/", InstanceId);
        }
    }

    internal sealed class ListInstancesRequest : ConnectRequest
    {
        internal int? MaxResults;
        internal string? NextToken;
        internal override string OperationName => "ListInstances";
        internal override string? ResourceId => null;

        protected override void Fill(IRequest request)
        {
            request.HttpMethod = "GET";
            Query(request, "maxResults", Int(MaxResults), "nextToken", NextToken);
            request.ResourcePath = "/instance";
            ((ConnectWireRequest)request).PlainPath = "/instance";
        }
    }

    internal sealed class DescribeUserRequest : ConnectRequest
    {
        internal string InstanceId = "";
        internal string UserId = "";
        internal override string OperationName => "DescribeUser";
        internal override string? ResourceId => UserId;

        protected override void Fill(IRequest request)
        {
            request.HttpMethod = "GET";
            request.AddPathResource("{InstanceId}", InstanceId);
            request.AddPathResource("{UserId}", UserId);
            request.ResourcePath = "/users/{InstanceId}/{UserId}";
            ((ConnectWireRequest)request).PlainPath = Plain("/users/", InstanceId, UserId);
        }
    }

    internal sealed class ListUsersRequest : ConnectRequest
    {
        internal string InstanceId = "";
        internal int? MaxResults;
        internal string? NextToken;
        internal override string OperationName => "ListUsers";
        internal override string? ResourceId => InstanceId;

        protected override void Fill(IRequest request)
        {
            request.HttpMethod = "GET";
            request.AddPathResource("{InstanceId}", InstanceId);
            Query(request, "maxResults", Int(MaxResults), "nextToken", NextToken);
            request.ResourcePath = "/users-summary/{InstanceId}";
            ((ConnectWireRequest)request).PlainPath = Plain("/users-summary/", InstanceId);
        }
    }

    internal sealed class SearchUsersRequest : ConnectRequest
    {
        internal SearchUsersBody Body = new SearchUsersBody();
        internal override string OperationName => "SearchUsers";
        internal override string? ResourceId => Body.InstanceId;

        protected override void Fill(IRequest request)
        {
            request.HttpMethod = "POST";
            request.Headers["Content-Type"] = "application/json";
            request.ResourcePath = "/search-users";
            request.Content = WireWriter.SearchUsers(Body);
        }
    }

    /// <summary>The JSON body of SearchUsers.</summary>
    internal sealed class SearchUsersBody
    {
        public string? InstanceId { get; set; }
        public int? MaxResults { get; set; }
        public string? NextToken { get; set; }
        public UserSearchFilter? SearchFilter { get; set; }
        public UserSearchCriteria? SearchCriteria { get; set; }
    }

    // Response bodies.
    internal sealed class DescribeInstanceBody
    {
        public ConnectInstance? Instance { get; set; }
        public ReplicationConfiguration? ReplicationConfiguration { get; set; }
    }

    internal sealed class ListInstancesBody
    {
        public List<ConnectInstance>? InstanceSummaryList { get; set; }
        public string? NextToken { get; set; }
    }

    internal sealed class DescribeUserBody
    {
        public ConnectUser? User { get; set; }
    }

    internal sealed class ListUsersBody
    {
        public List<ConnectUserListEntry>? UserSummaryList { get; set; }
        public string? NextToken { get; set; }
    }

    internal sealed class SearchUsersResponseBody
    {
        public List<ConnectUserSummary>? Users { get; set; }
        public string? NextToken { get; set; }
        public long? ApproximateTotalCount { get; set; }
    }
}
