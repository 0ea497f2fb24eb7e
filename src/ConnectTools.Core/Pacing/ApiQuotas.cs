using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ConnectTools.Pacing
{
    /// <summary>
    /// Amazon Connect's request-rate quotas per account and Region: the service's defaults, and the ones an account was
    /// given (raised by AWS Support) as the environment variable CONNECTTOOLS_API_QUOTAS says, for example
    /// <c>DescribeUser=50/75;SearchUsers=5/10</c> (rate per second / burst; <c>*</c> names every API).
    /// </summary>
    public static class ApiQuotas
    {
        public const string VariableName = "CONNECTTOOLS_API_QUOTAS";

        /// <summary>The service's defaults (the Amazon Connect service quotas page; the burst of the user APIs is not published).</summary>
        public static readonly IReadOnlyDictionary<string, ApiQuota> Defaults = new Dictionary<string, ApiQuota>(StringComparer.Ordinal)
        {
            ["DescribeUser"] = new ApiQuota(10, 15),
            ["ListUsers"] = new ApiQuota(10, 15),
            ["SearchUsers"] = new ApiQuota(2, 5),
            ["DescribeInstance"] = new ApiQuota(2, 5),
            ["ListInstances"] = new ApiQuota(2, 5),
        };

        /// <summary>The defaults with what <paramref name="value"/> (CONNECTTOOLS_API_QUOTAS) gives on top; an input error when it cannot be read.</summary>
        public static IReadOnlyDictionary<string, ApiQuota> Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return Defaults;
            var quotas = new Dictionary<string, ApiQuota>(StringComparer.Ordinal);
            foreach (var pair in Defaults) quotas[pair.Key] = pair.Value;
            var named = new Dictionary<string, ApiQuota>(StringComparer.Ordinal);
            ApiQuota? all = null;
            foreach (var raw in value!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string entry = raw.Trim();
                if (entry.Length == 0) continue;
                int eq = entry.IndexOf('=');
                int slash = entry.IndexOf('/', Math.Max(eq, 0));
                string api = eq > 0 ? entry.Substring(0, eq).Trim() : "";
                string? known = api == "*" ? "*" : Defaults.Keys.FirstOrDefault(k => string.Equals(k, api, StringComparison.OrdinalIgnoreCase));
                if (known == null)
                    throw Bad(value, $"'{InputText.Show(entry)}' names no API ConnectTools calls; use {string.Join(", ", Defaults.Keys)} or *");
                if (slash < 0 ||
                    !double.TryParse(entry.Substring(eq + 1, slash - eq - 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) ||
                    double.IsNaN(rate) || double.IsInfinity(rate) || rate < 0.01 || rate > 100000 ||
                    !int.TryParse(entry.Substring(slash + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int burst) || burst < 1 || burst > 1000000)
                    throw Bad(value, $"'{InputText.Show(entry)}' is not API=rate/burst with a rate from 0.01 to 100000 calls a second and a whole burst of 1 or more");
                if (known == "*") all = new ApiQuota(rate, burst);
                else named[known] = new ApiQuota(rate, burst);
            }
            if (all != null)
                foreach (var api in Defaults.Keys) quotas[api] = all;
            foreach (var pair in named) quotas[pair.Key] = pair.Value;
            return quotas;
        }

        private static ConnectInputException Bad(string value, string what) =>
            new ConnectInputException(VariableName,
                $"The environment variable {VariableName} is '{InputText.Show(value)}': {what}. Give the quotas of your account, for example " +
                $"{VariableName}='DescribeUser=50/75;SearchUsers=5/10' (calls a second / burst, from the Service Quotas console), or remove it to use the service's defaults.");
    }
}
