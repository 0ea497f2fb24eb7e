using System;

namespace ConnectTools.WarmUp
{
    /// <summary>
    /// The warm-up's answers: for each Connect request the cmdlets make, a small, fixed, well-formed body, with made-up ids
    /// in a made-up account.
    /// </summary>
    internal static class CannedConnect
    {
        internal const string InstanceId = "00000000-0000-4000-8000-0000000000aa";
        internal const string UserId = "00000000-0000-4000-8000-0000000000bb";
        internal const string Account = "000000000000";
        internal const string Username = "warm-up";
        private const string InstanceArn = "arn:aws:connect:us-east-1:" + Account + ":instance/" + InstanceId;
        private const string UserArn = InstanceArn + "/agent/" + UserId;

        internal const string RequestId = "00000000-0000-4000-8000-000000000000";

        private static readonly string Instance =
            "{\"Id\":\"" + InstanceId + "\",\"Arn\":\"" + InstanceArn + "\",\"IdentityManagementType\":\"CONNECT_MANAGED\",\"InstanceAlias\":\"warm-up\"," +
            "\"CreatedTime\":1700000000.5,\"ServiceRole\":\"arn:aws:iam::" + Account + ":role/warm-up\",\"InstanceStatus\":\"ACTIVE\"," +
            "\"InboundCallsEnabled\":true,\"OutboundCallsEnabled\":false,\"InstanceAccessUrl\":\"https://warm-up.my.connect.aws\",\"Tags\":{\"k\":\"v\"}}";

        private static readonly string User =
            "{\"Id\":\"" + UserId + "\",\"Arn\":\"" + UserArn + "\",\"Username\":\"" + Username + "\"," +
            "\"IdentityInfo\":{\"FirstName\":\"Warm\",\"LastName\":\"Up\",\"Email\":\"warm-up@example.com\"}," +
            "\"PhoneConfig\":{\"PhoneType\":\"SOFT_PHONE\",\"AutoAccept\":false,\"AfterContactWorkTimeLimit\":0}," +
            "\"SecurityProfileIds\":[\"00000000-0000-4000-8000-0000000000cc\"],\"RoutingProfileId\":\"00000000-0000-4000-8000-0000000000dd\"," +
            "\"Tags\":{},\"LastModifiedTime\":1700000000,\"LastModifiedRegion\":\"us-east-1\"}";

        /// <summary>The body of the answer to a request for <paramref name="path"/>; null for a path no cmdlet asks for.</summary>
        internal static string? Body(string path)
        {
            if (path.StartsWith("/instance/", StringComparison.Ordinal)) return "{\"Instance\":" + Instance + "}";
            if (path == "/instance") return "{\"InstanceSummaryList\":[" + Instance + "]}";
            if (path.StartsWith("/users-summary/", StringComparison.Ordinal))
                return "{\"UserSummaryList\":[{\"Id\":\"" + UserId + "\",\"Arn\":\"" + UserArn + "\",\"Username\":\"" + Username + "\"}]}";
            if (path.StartsWith("/users/", StringComparison.Ordinal)) return "{\"User\":" + User + "}";
            if (path == "/search-users") return "{\"Users\":[" + User + "],\"ApproximateTotalCount\":1}";
            return null;
        }
    }
}
