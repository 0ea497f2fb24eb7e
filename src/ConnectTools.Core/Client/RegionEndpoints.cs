using System;
using System.Collections.Generic;
using ConnectTools.Auth;

namespace ConnectTools.Client
{
    /// <summary>
    /// CONNECTTOOLS_ENDPOINT_URLS: a custom endpoint per Region ("us-east-1=http://127.0.0.1:5001;us-west-2=http://127.0.0.1:5002"),
    /// for emulators and tests that stand in for several Regions at once. -EndpointUrl, when given, is used for every
    /// Region instead. With the map set, -Region * means the Regions it names (so nothing reaches a real Region).
    /// </summary>
    public sealed class RegionEndpoints
    {
        public const string VariableName = "CONNECTTOOLS_ENDPOINT_URLS";
        private readonly Dictionary<string, string> _urls;

        private RegionEndpoints(Dictionary<string, string> urls) => _urls = urls;

        public IReadOnlyCollection<string> Regions => _urls.Keys;

        public string? For(string? region) => region != null && _urls.TryGetValue(region, out var url) ? url : null;

        /// <summary>The map in the environment, checked (Region names, URLs); null when the variable is not set.</summary>
        public static RegionEndpoints? FromEnvironment(IEnvironmentReader env)
        {
            string? text = env.Get(VariableName);
            if (string.IsNullOrWhiteSpace(text)) return null;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var part in text!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = part.IndexOf('=');
                if (eq <= 0)
                    throw new ConnectInputException(VariableName,
                        $"The environment variable {VariableName} holds '{InputText.Show(part.Trim())}'; give region=url pairs separated by ';', for example us-east-1=http://127.0.0.1:5001;us-west-2=http://127.0.0.1:5002.");
                string region = ConnectRegions.Check(part.Substring(0, eq), VariableName, "the environment variable " + VariableName);
                map[region] = ConnectClientFactory.CheckEndpointUrl(part.Substring(eq + 1).Trim());
            }
            return map.Count == 0 ? null : new RegionEndpoints(map);
        }
    }
}
