using System.Text.Json;

namespace ConnectTools.Client
{
    /// <summary>DescribeUser, ListUsers and SearchUsers: the bodies, the user types and what they hold.</summary>
    internal static partial class WireReader
    {
        internal static DescribeUserBody? DescribeUserBody(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.Client.DescribeUserBody")) return null;
            var body = new DescribeUserBody();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "User"u8)) body.User = User(ref reader);
                else Skip(ref reader);
            }
            return body;
        }

        internal static ListUsersBody? ListUsersBody(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.Client.ListUsersBody")) return null;
            var body = new ListUsersBody();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "UserSummaryList"u8)) body.UserSummaryList = List(ref reader, ListEntry, "System.Collections.Generic.List`1[ConnectTools.ConnectUserListEntry]");
                else if (Is(ref reader, "NextToken"u8)) body.NextToken = String(ref reader);
                else Skip(ref reader);
            }
            return body;
        }

        internal static SearchUsersResponseBody? SearchUsersResponseBody(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.Client.SearchUsersResponseBody")) return null;
            var body = new SearchUsersResponseBody();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Users"u8)) body.Users = List(ref reader, UserSummary, "System.Collections.Generic.List`1[ConnectTools.ConnectUserSummary]");
                else if (Is(ref reader, "NextToken"u8)) body.NextToken = String(ref reader);
                else if (Is(ref reader, "ApproximateTotalCount"u8)) body.ApproximateTotalCount = Long(ref reader);
                else Skip(ref reader);
            }
            return body;
        }

        private static ConnectUser? User(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.ConnectUser")) return null;
            var user = new ConnectUser();
            while (NextMember(ref reader))
            {
                if (UserMember(ref reader, user)) continue;
                if (Is(ref reader, "IdentityInfo"u8)) user.IdentityInfo = IdentityInfo(ref reader);
                else if (Is(ref reader, "LastModifiedTime"u8)) user.LastModifiedTime = Timestamp(ref reader);
                else if (Is(ref reader, "LastModifiedRegion"u8)) user.LastModifiedRegion = String(ref reader);
                else Skip(ref reader);
            }
            return user;
        }

        private static ConnectUserSummary? UserSummary(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.ConnectUserSummary")) return null;
            var user = new ConnectUserSummary();
            while (NextMember(ref reader))
            {
                if (UserMember(ref reader, user)) continue;
                if (Is(ref reader, "IdentityInfo"u8)) user.IdentityInfo = IdentityInfoLite(ref reader);
                else Skip(ref reader);
            }
            return user;
        }

        /// <summary>A member of <see cref="ConnectUserBase"/>: read into <paramref name="user"/> (true), or not one (false).</summary>
        private static bool UserMember(ref Utf8JsonReader reader, ConnectUserBase user)
        {
            if (Is(ref reader, "Id"u8)) user.Id = String(ref reader);
            else if (Is(ref reader, "Arn"u8)) user.Arn = String(ref reader);
            else if (Is(ref reader, "Username"u8)) user.Username = String(ref reader);
            else if (Is(ref reader, "PhoneConfig"u8)) user.PhoneConfig = PhoneConfig(ref reader);
            else if (Is(ref reader, "DirectoryUserId"u8)) user.DirectoryUserId = String(ref reader);
            else if (Is(ref reader, "SecurityProfileIds"u8)) user.SecurityProfileIds = Array(ref reader, String, "System.String[]");
            else if (Is(ref reader, "RoutingProfileId"u8)) user.RoutingProfileId = String(ref reader);
            else if (Is(ref reader, "HierarchyGroupId"u8)) user.HierarchyGroupId = String(ref reader);
            else if (Is(ref reader, "Tags"u8)) user.Tags = StringMap(ref reader);
            else if (Is(ref reader, "AutoAcceptConfigs"u8)) user.AutoAcceptConfigs = Array(ref reader, AutoAccept, "ConnectTools.AutoAcceptConfig[]");
            else if (Is(ref reader, "AfterContactWorkConfigs"u8))
                user.AfterContactWorkConfigs = Array(ref reader, AfterContactWorkPerChannel, "ConnectTools.AfterContactWorkConfigPerChannel[]");
            else if (Is(ref reader, "PhoneNumberConfigs"u8)) user.PhoneNumberConfigs = Array(ref reader, PhoneNumber, "ConnectTools.PhoneNumberConfig[]");
            else if (Is(ref reader, "PersistentConnectionConfigs"u8))
                user.PersistentConnectionConfigs = Array(ref reader, PersistentConnection, "ConnectTools.PersistentConnectionConfig[]");
            else if (Is(ref reader, "VoiceEnhancementConfigs"u8))
                user.VoiceEnhancementConfigs = Array(ref reader, VoiceEnhancement, "ConnectTools.VoiceEnhancementConfig[]");
            else return false;
            return true;
        }

        private static ConnectUserListEntry? ListEntry(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.ConnectUserListEntry")) return null;
            var entry = new ConnectUserListEntry();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Id"u8)) entry.Id = String(ref reader);
                else if (Is(ref reader, "Arn"u8)) entry.Arn = String(ref reader);
                else if (Is(ref reader, "Username"u8)) entry.Username = String(ref reader);
                else if (Is(ref reader, "LastModifiedTime"u8)) entry.LastModifiedTime = Timestamp(ref reader);
                else if (Is(ref reader, "LastModifiedRegion"u8)) entry.LastModifiedRegion = String(ref reader);
                else Skip(ref reader);
            }
            return entry;
        }

        private static UserIdentityInfo? IdentityInfo(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.UserIdentityInfo")) return null;
            var info = new UserIdentityInfo();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "FirstName"u8)) info.FirstName = String(ref reader);
                else if (Is(ref reader, "LastName"u8)) info.LastName = String(ref reader);
                else if (Is(ref reader, "Email"u8)) info.Email = String(ref reader);
                else if (Is(ref reader, "SecondaryEmail"u8)) info.SecondaryEmail = String(ref reader);
                else if (Is(ref reader, "Mobile"u8)) info.Mobile = String(ref reader);
                else Skip(ref reader);
            }
            return info;
        }

        private static UserIdentityInfoLite? IdentityInfoLite(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.UserIdentityInfoLite")) return null;
            var info = new UserIdentityInfoLite();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "FirstName"u8)) info.FirstName = String(ref reader);
                else if (Is(ref reader, "LastName"u8)) info.LastName = String(ref reader);
                else Skip(ref reader);
            }
            return info;
        }
    }
}
