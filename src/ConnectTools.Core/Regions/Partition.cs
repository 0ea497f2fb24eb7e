using System.Text.RegularExpressions;

namespace ConnectTools
{
    /// <summary>An AWS partition, as the endpoint rule set's partition function knows it.</summary>
    public sealed class Partition
    {
        internal Partition(string name, string regionPattern, string dnsSuffix, string dualStackDnsSuffix)
        {
            Name = name;
            RegionRegex = new Regex(regionPattern, RegexOptions.CultureInvariant);
            DnsSuffix = dnsSuffix;
            DualStackDnsSuffix = dualStackDnsSuffix;
        }

        public string Name { get; }
        public string DnsSuffix { get; }
        public string DualStackDnsSuffix { get; }
        internal Regex RegionRegex { get; }
    }
}
