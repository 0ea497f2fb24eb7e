using System.ComponentModel;

namespace ConnectTools
{
    /// <summary>
    /// What -InstanceId takes: an instance id, an instance ARN, a user ARN (Get-ConnectUser describes that user), a
    /// ConnectInstance, or a row (Import-Csv, ConvertFrom-Json) with InstanceId and optional Region/Arn.
    /// </summary>
    [TypeConverter(typeof(IdentityConverter))]
    public sealed class ConnectInstanceIdentity : ConnectIdentity
    {
        /// <summary>Parses an instance id, instance ARN or user ARN.</summary>
        public ConnectInstanceIdentity(string value)
            : base(value)
        {
            Parse(() =>
            {
                var parsed = ResourceIds.ParseInstance(value, "InstanceId", allowUserArn: true);
                InstanceId = parsed.InstanceId;
                return parsed.Arn;
            }, "InstanceId");
        }

        /// <summary>A ConnectInstance: its id, ARN and Region.</summary>
        public ConnectInstanceIdentity(ConnectInstance instance)
            : this(instance?.Arn ?? instance?.Id ?? "")
        {
            if (instance == null || Error != null) return;
            TakeFromObject(instance.Id, instance.Region, "the piped instance");
        }

        /// <summary>A row with InstanceId, and Arn or Region when it has them (<paramref name="what"/>: for -Verbose).</summary>
        internal ConnectInstanceIdentity(string id, string? arn, string? region, string what)
            : this(!string.IsNullOrEmpty(arn) && ConnectArn.TryParse(arn, out var a) && a!.Kind == ConnectArnKind.Instance && (a.InstanceId == id || string.IsNullOrEmpty(id)) ? arn! : id)
        {
            if (Error != null) return;
            Text = string.IsNullOrEmpty(id) ? Text : id;
            if (Arn != null) RegionSource = "the Arn of " + what;
            else if (!string.IsNullOrWhiteSpace(region))
            {
                Region = region!.Trim();
                RegionSource = "the Region of " + what;
            }
        }

        public string? InstanceId { get; private set; }

        /// <summary>True when the value is a user ARN (<see cref="ConnectIdentity.Arn"/> names the user).</summary>
        public bool IsUserArn => Arn != null && Arn.Kind == ConnectArnKind.User;

        /// <summary>Throws unless the value names an instance (not a user ARN).</summary>
        public void RequireInstance()
        {
            ThrowIfInvalid();
            if (IsUserArn) throw ResourceIds.UserArnAsInstance(Text);
        }
    }
}
