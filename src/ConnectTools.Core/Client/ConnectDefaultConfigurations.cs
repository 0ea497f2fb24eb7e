using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ConnectTools.Client
{
    /// <summary>
    /// The SDK asks a service for its "defaults mode" configuration. ConnectTools wants the same behaviour in every mode:
    /// Standard retries (Adaptive is served by ConnectTools' own rate limiter), timeouts set explicitly by the caller. So
    /// this provider hands out that one configuration whatever the mode, without the SDK's DefaultConfigurationProvider
    /// working out a mode first: reading AWS_DEFAULTS_MODE and then the shared config file's defaults_mode through
    /// FallbackInternalConfigurationFactory, and for "auto" asking EC2 instance metadata for its Region. None of that could
    /// change what a Connect client does, and the fallback chain is one of the costs of a fresh process's first call.
    /// </summary>
    internal sealed class ConnectDefaultConfigurations : IDefaultConfigurationProvider
    {
        internal static readonly ConnectDefaultConfigurations Instance = new ConnectDefaultConfigurations();

        private ConnectDefaultConfigurations()
        {
        }

        public IDefaultConfiguration GetDefaultConfiguration(RegionEndpoint clientRegion, DefaultConfigurationMode? requestedConfigurationMode = null) =>
            new DefaultConfiguration { Name = requestedConfigurationMode ?? DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard };
    }
}
