using System;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace ConnectTools.Client
{
    /// <summary>
    /// Resolves the Connect endpoint: a custom endpoint URL verbatim, else <c>connect[-fips].{region}.{dnsSuffix}</c>
    /// for the region's partition (dual-stack uses the partition's dual-stack suffix).
    /// </summary>
    public sealed class ConnectEndpointProvider : IEndpointProvider
    {
        internal const string RegionKey = "Region";
        internal const string EndpointKey = "Endpoint";
        internal const string UseFipsKey = "UseFIPS";
        internal const string UseDualStackKey = "UseDualStack";

        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            if (parameters == null) throw new ArgumentNullException(nameof(parameters));
            var custom = parameters[EndpointKey] as string;
            if (!string.IsNullOrEmpty(custom)) return new Endpoint(custom);

            var region = parameters[RegionKey] as string;
            if (string.IsNullOrEmpty(region))
                throw new ConnectConfigurationException("No region was given for the Connect endpoint. Use -Region, Set-DefaultAWSRegion or AWS_REGION.");
            bool fips = parameters[UseFipsKey] is bool f && f;
            bool dualStack = parameters[UseDualStackKey] is bool d && d;
            return new Endpoint(HostFor(region!, fips, dualStack));
        }

        /// <summary>The https URL of Connect in <paramref name="region"/>.</summary>
        public static string HostFor(string region, bool fips, bool dualStack)
        {
            var partition = Partitions.ForRegion(region);
            string suffix = dualStack ? partition.DualStackDnsSuffix : partition.DnsSuffix;
            string name = fips ? "connect-fips" : "connect";
            return "https://" + name + "." + region + "." + suffix;
        }

        internal static EndpointParameters ParametersFor(ClientConfig config, string? alternateRegion)
        {
            var p = new EndpointParameters();
            p[RegionKey] = alternateRegion ?? config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion;
            p[EndpointKey] = config.ServiceURL;
            p[UseFipsKey] = config.UseFIPSEndpoint;
            p[UseDualStackKey] = config.UseDualstackEndpoint;
            return p;
        }
    }
}
