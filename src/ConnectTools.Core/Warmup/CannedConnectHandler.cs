using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Warmup
{
    /// <summary>
    /// The warm-up's whole network: an in-memory HttpMessageHandler that answers each Connect request with a small canned
    /// body of the right shape (ListInstances, DescribeInstance, ListUsers, DescribeUser) and never opens a socket.
    /// </summary>
    internal sealed class CannedConnectHandler : HttpMessageHandler
    {
        internal const string InstanceId = "00000000-0000-4000-8000-000000000001";
        internal const string UserId = "00000000-0000-4000-8000-000000000002";
        private const string InstanceArn = "arn:aws:connect:us-east-1:000000000000:instance/" + InstanceId;

        private const string Instance =
            "{\"Id\":\"" + InstanceId + "\",\"Arn\":\"" + InstanceArn + "\",\"IdentityManagementType\":\"CONNECT_MANAGED\"," +
            "\"InstanceAlias\":\"warm-up\",\"CreatedTime\":1700000000.123,\"ServiceRole\":\"arn:aws:iam::000000000000:role/r\"," +
            "\"InstanceStatus\":\"ACTIVE\",\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":false,\"InstanceAccessUrl\":\"https://warm-up.my.connect.aws\"}";

        private const string User =
            "{\"Id\":\"" + UserId + "\",\"Arn\":\"" + InstanceArn + "/agent/" + UserId + "\",\"Username\":\"warm-up\"," +
            "\"IdentityInfo\":{\"FirstName\":\"W\",\"LastName\":\"U\",\"Email\":\"w@example.com\"}," +
            "\"PhoneConfig\":{\"PhoneType\":\"SOFT_PHONE\",\"AutoAccept\":false,\"AfterContactWorkTimeLimit\":0}," +
            "\"SecurityProfileIds\":[\"s\"],\"RoutingProfileId\":\"r\",\"Tags\":{\"k\":\"v\"},\"LastModifiedTime\":1700000000.5,\"LastModifiedRegion\":\"us-east-1\"}";

        /// <summary>Requests answered (for tests: the warm-up went through the whole client).</summary>
        internal int Requests;

        /// <summary>Counts a request answered by <see cref="CannedHttpStream"/>.</summary>
        internal void Count() => Interlocked.Increment(ref Requests);

        /// <summary>The response body for a request path.</summary>
        internal static string BodyFor(string path) =>
            path.StartsWith("/instance/", StringComparison.Ordinal) ? "{\"Instance\":" + Instance + "}" :
            path.StartsWith("/instance", StringComparison.Ordinal) ? "{\"InstanceSummaryList\":[" + Instance + "]}" :
            path.StartsWith("/users-summary/", StringComparison.Ordinal) ? "{\"UserSummaryList\":[{\"Id\":\"" + UserId + "\",\"Username\":\"warm-up\"}]}" :
            path.StartsWith("/users/", StringComparison.Ordinal) ? "{\"User\":" + User + "}" :
            "{}";

        internal const string RequestIdHeader = "x-amzn-RequestId";
        internal const string RequestId = "00000000-0000-0000-0000-000000000000";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Asynchronously, as a server answers: every await up the SDK's pipeline then really suspends, so the code
            // that resumes it (compiled per async method at first use) is compiled here too.
            await Task.Yield();
            Interlocked.Increment(ref Requests);
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent(BodyFor(request.RequestUri?.AbsolutePath ?? ""), Encoding.UTF8, "application/json"),
            };
            response.Headers.TryAddWithoutValidation(RequestIdHeader, RequestId);
            return response;
        }
    }
}
