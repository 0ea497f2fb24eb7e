using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ConnectTools
{
    /// <summary>The AWS partitions, as the endpoint rule set's partition function knows them, and which one a Region is in.</summary>
    public static class Partitions
    {
        // Order matters: the commercial pattern also matches some other partitions' names.
        private static readonly Partition[] All =
        {
            new Partition("aws-cn", "^cn\\-\\w+\\-\\d+$", "amazonaws.com.cn", "api.amazonwebservices.com.cn"),
            new Partition("aws-us-gov", "^us\\-gov\\-\\w+\\-\\d+$", "amazonaws.com", "api.aws"),
            new Partition("aws-iso", "^us\\-iso\\-\\w+\\-\\d+$", "c2s.ic.gov", "c2s.ic.gov"),
            new Partition("aws-iso-b", "^us\\-isob\\-\\w+\\-\\d+$", "sc2s.sgov.gov", "sc2s.sgov.gov"),
            new Partition("aws-iso-e", "^eu\\-isoe\\-\\w+\\-\\d+$", "cloud.adc-e.uk", "cloud.adc-e.uk"),
            new Partition("aws-iso-f", "^us\\-isof\\-\\w+\\-\\d+$", "csp.hci.ic.gov", "csp.hci.ic.gov"),
            new Partition("aws-eusc", "^eusc\\-(de)\\-\\w+\\-\\d+$", "amazonaws.eu", "amazonaws.eu"),
            new Partition("aws", "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "amazonaws.com", "api.aws"),
        };

        private static readonly Regex RegionShape = new Regex("^[a-z]{2,5}(-[a-z]+){1,3}-\\d{1,2}$", RegexOptions.CultureInvariant);

        /// <summary>The partition of a region name; names of an unknown shape fall back to the commercial partition like the SDK.</summary>
        public static Partition ForRegion(string region)
        {
            foreach (var p in All)
                if (p.RegionRegex.IsMatch(region)) return p;
            return All[All.Length - 1];
        }

        /// <summary>The partition called <paramref name="name"/> (as in an ARN), or null.</summary>
        public static Partition? ByName(string name)
        {
            foreach (var p in All)
                if (string.Equals(p.Name, name, StringComparison.Ordinal)) return p;
            return null;
        }

        /// <summary>True when <paramref name="region"/> has the shape of an AWS region name (us-east-1, us-gov-west-1, cn-north-1...).</summary>
        public static bool IsWellFormedRegion(string region) => !string.IsNullOrEmpty(region) && RegionShape.IsMatch(region);

        internal static IEnumerable<Partition> Each => All;
    }
}
