using System.ComponentModel;

namespace ConnectTools
{
    /// <summary>
    /// What -UserId takes: a user id, a user ARN, or a ConnectUser / ConnectUserSummary (its id, instance, ARN and
    /// Region).
    /// </summary>
    [TypeConverter(typeof(IdentityConverter))]
    public sealed class ConnectUserIdentity : ConnectIdentity
    {
        public ConnectUserIdentity(string value)
            : base(value)
        {
            Parse(() =>
            {
                var parsed = ResourceIds.ParseUser(value, "UserId");
                UserId = parsed.UserId;
                InstanceId = parsed.Arn?.InstanceId;
                return parsed.Arn;
            }, "UserId");
        }

        public ConnectUserIdentity(ConnectUserBase user)
            : this(user?.Arn ?? user?.Id ?? "")
        {
            if (user == null || Error != null) return;
            InstanceId ??= user.InstanceId;
            TakeFromObject(user.Id, user.Region, "the user");
        }

        public string? UserId { get; private set; }

        /// <summary>The instance the value names (from its ARN, or the user object), or null.</summary>
        public string? InstanceId { get; private set; }

        /// <summary>
        /// The instance a DescribeUser call for this user goes to: the user ARN's (it must agree with
        /// <paramref name="instance"/>), else <paramref name="instance"/>'s, else the one the user object carries.
        /// </summary>
        public string InstanceFor(ConnectInstanceIdentity? instance) =>
            ResourceIds.InstanceForUser(instance?.Text, instance?.InstanceId ?? InstanceId, instance?.Arn, Arn?.Text ?? Text, Arn);
    }
}
