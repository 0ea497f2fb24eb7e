using System.Collections.Generic;
using System.Linq;

namespace ConnectTools.Commands
{
    /// <summary>
    /// -Region as the command line gives it (checked once: empty values, typos; '*' kept as is), and the Region each
    /// item is called in: -Region, else the ARN's, else the Region the item carries, else the default.
    /// </summary>
    internal sealed class CommandRegions
    {
        private readonly string _commandName;

        private CommandRegions(IReadOnlyList<string>? given, string commandName)
        {
            Given = given;
            _commandName = commandName;
        }

        /// <summary>The Regions given on the command line; null when -Region was not on it.</summary>
        internal IReadOnlyList<string>? Given { get; }

        /// <summary>True when -Region names several Regions or '*' (a listing in each).</summary>
        internal bool Several => Given != null && (Given.Count != 1 || Given[0] == "*");

        /// <summary>Checks -Region when it is on the command line; throws <see cref="ConnectInputException"/> when unusable.</summary>
        internal static CommandRegions FromCommandLine(bool onCommandLine, string[]? values, string commandName) =>
            new CommandRegions(onCommandLine ? Check(values) : null, commandName);

        private static IReadOnlyList<string> Check(string[]? values)
        {
            if (values == null || values.Length == 0)
                throw new ConnectInputException("Region", "-Region is empty. Give a Region name such as us-east-1, or leave -Region out to use the default Region.");
            var list = new List<string>();
            foreach (var value in values)
            {
                string v = value?.Trim() ?? "";
                if (v == "*") { if (!list.Contains("*")) list.Add("*"); continue; }
                string region = ConnectRegions.Check(value, "Region", "-Region");
                if (!list.Contains(region)) list.Add(region);
            }
            return list;
        }

        /// <summary>
        /// The Region for one item, and where it came from: -Region on the command line (it must agree with an ARN),
        /// else the ARN's Region, else the Region the item carries (a piped object's Region or Arn), else -Region bound
        /// from the piped record, else null (the default Region: $StoredAWSRegion, the profile, AWS_REGION...).
        /// </summary>
        internal (string? Region, string? Source) For(ConnectArn? arn, string arnParameter, string? carried, string? carriedSource, string[]? pipedRegion)
        {
            if (Given != null)
            {
                if (Several)
                    throw new ConnectInputException("Region",
                        "-Region names several Regions (or *), which only Get-ConnectInstance without -InstanceId takes (to list the instances of each Region). " +
                        "Give one Region here, or pipe the instances in: Get-ConnectInstance -Region " + string.Join(",", Given) + " | " + _commandName + ".");
                ResourceIds.RegionFromArn(arn, Given[0], arnParameter);
                return (Given[0], "-Region");
            }
            if (arn != null) return (arn.Region, carriedSource ?? "the ARN given to -" + arnParameter);
            if (!string.IsNullOrWhiteSpace(carried))
                return (ConnectRegions.Check(carried, "Region", carriedSource ?? "the piped object's Region"), carriedSource);
            // -Region bound from a piped object's Region property (reset by PowerShell for every record).
            var piped = pipedRegion?.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r));
            if (piped != null) return (ConnectRegions.Check(piped, "Region", "the Region property of the piped object"), "the Region property of the piped object");
            return (null, null);
        }
    }
}
