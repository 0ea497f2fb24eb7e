using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace ConnectTools.Client
{
    /// <summary>
    /// The SDK asks a service for its "defaults mode" configurations. ConnectTools wants the same behaviour in every
    /// mode: Standard retries (Adaptive is broken in this AWSSDK.Core), timeouts set explicitly by the caller.
    /// </summary>
    internal static class ConnectDefaultConfigurations
    {
        internal static IEnumerable<IDefaultConfiguration> All
        {
            get
            {
                foreach (DefaultConfigurationMode mode in Enum.GetValues(typeof(DefaultConfigurationMode)))
                {
                    yield return new DefaultConfiguration { Name = mode, RetryMode = RequestRetryMode.Standard };
                }
            }
        }
    }
}
