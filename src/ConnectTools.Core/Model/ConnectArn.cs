using System;
using System.Linq;

namespace ConnectTools
{
    /// <summary>
    /// An Amazon Connect instance ARN (<c>arn:{partition}:connect:{region}:{account}:instance/{id}</c>) or user ARN
    /// (<c>…:instance/{id}/agent/{userId}</c>).
    /// </summary>
    public sealed class ConnectArn
    {
        private const string Example = "arn:aws:connect:us-east-1:123456789012:instance/<instance-id>";

        private ConnectArn(string text, string partition, string region, string accountId, string instanceId, string? userId)
        {
            Text = text;
            Partition = partition;
            Region = region;
            AccountId = accountId;
            InstanceId = instanceId;
            UserId = userId;
        }

        public string Text { get; }
        public string Partition { get; }
        public string Region { get; }
        public string AccountId { get; }
        public string InstanceId { get; }
        public string? UserId { get; }
        public ConnectArnKind Kind => UserId == null ? ConnectArnKind.Instance : ConnectArnKind.User;

        /// <summary>True when <paramref name="text"/> looks like an ARN at all (starts with "arn:").</summary>
        public static bool LooksLikeArn(string? text) =>
            text != null && text.StartsWith("arn:", StringComparison.OrdinalIgnoreCase);

        public static bool TryParse(string? text, out ConnectArn? arn)
        {
            arn = null;
            if (text == null) return false;
            arn = Parse(text, throwOnError: false, out _);
            return arn != null;
        }

        /// <summary>Parses an instance or user ARN; anything else throws <see cref="ConnectInputException"/> saying what is wrong.</summary>
        public static ConnectArn Parse(string text, string parameterName = "InstanceId")
        {
            var arn = Parse(text, throwOnError: true, out string? error);
            if (arn == null) throw new ConnectInputException(parameterName, error!);
            return arn;
        }

        private static ConnectArn? Parse(string text, bool throwOnError, out string? error)
        {
            error = null;
            string shown = InputText.Show(text);
            if (!LooksLikeArn(text))
            {
                error = $"'{shown}' is not an ARN. Expected {Example}.";
                return null;
            }

            // arn:partition:service:region:account:resource (the resource may itself hold ':' in other services).
            var parts = text.Split(new[] { ':' }, 6);
            if (parts.Length != 6)
            {
                error = $"'{shown}' is not a well-formed ARN: it needs six ':'-separated parts. Expected {Example}.";
                return null;
            }

            string partition = parts[1], service = parts[2], region = parts[3], account = parts[4], resource = parts[5];
            if (!string.Equals(parts[0], "arn", StringComparison.Ordinal))
            {
                error = $"'{shown}' must start with lower-case 'arn:'. Expected {Example}.";
                return null;
            }
            if (!string.Equals(service, "connect", StringComparison.Ordinal))
            {
                error = $"'{shown}' is an ARN of the service '{InputText.Show(service)}', not of Amazon Connect. Expected {Example}.";
                return null;
            }
            if (Partitions.ByName(partition) == null)
            {
                error = $"'{shown}' names the partition '{InputText.Show(partition)}', which is not an AWS partition (aws, aws-cn, aws-us-gov, ...).";
                return null;
            }
            if (!Partitions.IsWellFormedRegion(region))
            {
                error = $"'{shown}' has no valid region (found '{InputText.Show(region)}'). Expected {Example}.";
                return null;
            }
            string? knownPartition = ConnectRegions.PartitionOfKnown(region);
            if (knownPartition == null)
            {
                var near = ConnectRegions.Suggest(region.ToLowerInvariant());
                error = $"'{shown}' names the Region '{InputText.Show(region)}', which is not an AWS Region known to ConnectTools ({ConnectRegions.Source})." +
                        (near.Count > 0 ? " Did you mean " + string.Join(" or ", near.Select(n => "'" + n + "'")) + "?" : "");
                return null;
            }
            if (knownPartition != partition)
            {
                error = $"'{shown}' names the partition '{partition}', but the Region {region} is in the partition '{knownPartition}'. " +
                        $"Use arn:{knownPartition}:connect:{region}:... (copy the ARN from the instance's Arn property).";
                return null;
            }
            if (account.Length != 12 || !IsDigits(account))
            {
                error = $"'{shown}' has no valid 12-digit account id (found '{InputText.Show(account)}').";
                return null;
            }

            var segments = resource.Split('/');
            if (segments.Length == 2 && segments[0] == "instance" && IsIdSegment(segments[1]))
                return new ConnectArn(text, partition, region, account, segments[1], null);
            if (segments.Length == 4 && segments[0] == "instance" && IsIdSegment(segments[1]) && segments[2] == "agent" && IsIdSegment(segments[3]))
                return new ConnectArn(text, partition, region, account, segments[1], segments[3]);

            error = segments.Length >= 3 && segments[0] == "instance"
                ? $"'{shown}' is the ARN of a Connect {InputText.Show(segments[2])}, not of an instance or a user (agent). Expected {Example} or {Example}/agent/<user-id>."
                : $"'{shown}' is not the ARN of a Connect instance or user. Expected {Example} or {Example}/agent/<user-id>.";
            return null;
        }

        private static bool IsIdSegment(string s) => s.Length >= 1 && s.Length <= 100 && InputText.FirstInvalidIdChar(s) < 0;

        private static bool IsDigits(string s)
        {
            foreach (char c in s)
                if (c < '0' || c > '9') return false;
            return true;
        }

        public override string ToString() => Text;
    }
}
