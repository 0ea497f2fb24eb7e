using System;
using System.Collections.Generic;
using System.Linq;

namespace ConnectTools
{
    /// <summary>
    /// The one list of Regions ConnectTools uses: for checking -Region and ARNs, for -Region *, and for Tab completion.
    /// Region names, display names and partitions come from the pinned AWSSDK.Core's RegionEndpoint list (its
    /// endpoint data); which of them offer Amazon Connect is <see cref="ConnectRegionNames"/>, from the Amazon Connect
    /// endpoints page of the AWS General Reference (the SDK's data does not say which services a Region offers).
    /// </summary>
    public static class ConnectRegions
    {
        /// <summary>Where the list comes from, for messages.</summary>
        public static readonly string Source = "the Region list of AWSSDK.Core " + SdkVersion() + " that ConnectTools ships with";

        /// <summary>
        /// The Regions where Amazon Connect is offered (AWS General Reference, "Amazon Connect endpoints and quotas").
        /// Every name must also be in the SDK's list (a unit test checks this).
        /// </summary>
        public static readonly IReadOnlyList<string> ConnectRegionNames = new[]
        {
            "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
            "eu-central-1", "eu-west-2", "us-east-1", "us-west-2", "us-gov-west-1",
        };

        private static readonly Lazy<Dictionary<string, RegionInfo>> ByName = new Lazy<Dictionary<string, RegionInfo>>(Load);

        /// <summary>Every Region the SDK knows, by name.</summary>
        public static IEnumerable<RegionInfo> All => ByName.Value.Values.OrderBy(r => r.Name, StringComparer.Ordinal);

        /// <summary>The Region called <paramref name="name"/> (exact, lower case), or null.</summary>
        public static RegionInfo? Find(string? name) =>
            name != null && ByName.Value.TryGetValue(name, out var info) ? info : null;

        /// <summary>
        /// The partition of a Region the list knows, or null for a name it does not know. A Connect Region is answered
        /// without loading the SDK's list (every response's ARNs name one).
        /// </summary>
        public static string? PartitionOfKnown(string region) =>
            IsConnectRegion(region) ? Partitions.ForRegion(region).Name : Find(region)?.Partition;

        /// <summary>True when <paramref name="name"/> is exactly one of <see cref="ConnectRegionNames"/>.</summary>
        internal static bool IsConnectRegion(string name)
        {
            foreach (string known in ConnectRegionNames)
                if (string.Equals(known, name, StringComparison.Ordinal)) return true;
            return false;
        }

        /// <summary>The Regions of <paramref name="partition"/> where Amazon Connect is offered, in name order.</summary>
        public static IReadOnlyList<string> ConnectRegionsOf(string partition) =>
            All.Where(r => r.ConnectOffered && r.Partition == partition).Select(r => r.Name).ToList();

        /// <summary>
        /// Checks a Region name before any call: empty, white space, a typo ("did you mean"), or a name the list does not
        /// have are input errors naming <paramref name="origin"/> and the fix. Returns the trimmed name.
        /// </summary>
        public static string Check(string? region, string parameterName, string origin)
        {
            if (region == null || region.Length == 0)
                throw new ConnectInputException(parameterName,
                    $"{Capital(origin)} is empty. Give a Region name such as us-east-1, or leave it out to use the default Region.");
            string trimmed = region.Trim();
            if (trimmed.Length == 0)
                throw new ConnectInputException(parameterName,
                    $"{Capital(origin)} is only white space. Give a Region name such as us-east-1, or leave it out to use the default Region.");
            // A Region where Amazon Connect is offered is in the SDK's list too (a unit test checks): no need to load that
            // list (the SDK's endpoint data, some milliseconds at the first call of a session) to accept it.
            if (IsConnectRegion(trimmed) || Find(trimmed) != null) return trimmed;

            string lower = trimmed.ToLowerInvariant();
            if (Find(lower) != null)
                throw new ConnectInputException(parameterName,
                    $"'{InputText.Show(region)}' (from {origin}) is not an AWS Region name: Region names are lower case. Did you mean '{lower}'?");
            var near = Suggest(lower);
            string hint = near.Count > 0
                ? " Did you mean " + string.Join(" or ", near.Select(n => "'" + n + "'")) + "?"
                : " Use a name like us-east-1, eu-west-2 or ap-southeast-2.";
            throw new ConnectInputException(parameterName,
                $"'{InputText.Show(region)}' (from {origin}) is not an AWS Region name known to ConnectTools ({Source}).{hint}");
        }

        /// <summary>
        /// The partition a Region belongs to (by the SDK's list; a Region it does not know by the partitions' name
        /// patterns).
        /// </summary>
        public static string PartitionOf(string region) => Find(region)?.Partition ?? Partitions.ForRegion(region).Name;

        /// <summary>Up to two known names within a small edit distance of <paramref name="name"/>, closest first.</summary>
        public static IReadOnlyList<string> Suggest(string name)
        {
            int limit = Math.Max(2, name.Length / 4);
            return ByName.Value.Keys
                .Select(k => new { Name = k, Distance = Distance(name, k) })
                .Where(x => x.Distance <= limit)
                .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
                .Take(2)
                .Select(x => x.Name)
                .ToList();
        }

        private static Dictionary<string, RegionInfo> Load()
        {
            var connect = new HashSet<string>(ConnectRegionNames, StringComparer.Ordinal);
            var map = new Dictionary<string, RegionInfo>(StringComparer.Ordinal);
            foreach (var r in Amazon.RegionEndpoint.EnumerableAllRegions)
            {
                string name = r.SystemName;
                if (string.IsNullOrEmpty(name) || !Partitions.IsWellFormedRegion(name)) continue; // skips "aws-global" and the like
                string partition = Partitions.ForRegion(name).Name;
                map[name] = new RegionInfo(name, r.DisplayName ?? name, partition, connect.Contains(name));
            }
            return map;
        }

        private static string SdkVersion()
        {
            var attribute = (System.Reflection.AssemblyFileVersionAttribute?)Attribute.GetCustomAttribute(
                typeof(Amazon.RegionEndpoint).Assembly, typeof(System.Reflection.AssemblyFileVersionAttribute));
            return attribute?.Version ?? typeof(Amazon.RegionEndpoint).Assembly.GetName().Version?.ToString() ?? "?";
        }

        private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        /// <summary>Optimal string alignment distance (Levenshtein plus transpositions of neighbours).</summary>
        internal static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
