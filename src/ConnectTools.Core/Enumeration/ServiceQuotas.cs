using System.Collections.Generic;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// Amazon Connect's default request-rate quotas per account and Region (adjustable by AWS Support). The rate gate
    /// uses them only as its first guess when the service throttles before it has seen enough calls to measure.
    /// </summary>
    public static class ServiceQuotas
    {
        public static readonly IReadOnlyDictionary<string, double> DefaultRates = new Dictionary<string, double>
        {
            ["DescribeUser"] = 10,
            ["ListUsers"] = 10,
            ["SearchUsers"] = 2,
            ["DescribeInstance"] = 2,
            ["ListInstances"] = 2,
        };
    }
}
