using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace ConnectTools.Client
{
    /// <summary>
    /// Client configuration for Amazon Connect (API version 2017-08-08, SigV4 signing name "connect"),
    /// shaped like the SDK's generated service configurations.
    /// </summary>
    public sealed class ConnectClientConfig : ClientConfig
    {
        /// <summary>
        /// The SDK's own User-Agent for a Connect client (SDK, OS, runtime, AWSSDK.Core version), with ConnectTools'
        /// name and version added as a library (lib/ConnectTools#x.y.z), so AWS-side logs show both.
        /// </summary>
        internal static readonly string UserAgentString =
            Amazon.Util.Internal.InternalSDKUtils.BuildUserAgentString("Connect", SdkCoreVersion()) + " lib/ConnectTools#" + ConnectToolsVersion();

        private static string SdkCoreVersion() =>
            (Attribute.GetCustomAttribute(typeof(ClientConfig).Assembly, typeof(System.Reflection.AssemblyFileVersionAttribute)) as System.Reflection.AssemblyFileVersionAttribute)?.Version
            ?? typeof(ClientConfig).Assembly.GetName().Version?.ToString() ?? "4";

        private static string ConnectToolsVersion()
        {
            var v = typeof(ConnectClientConfig).Assembly.GetName().Version;
            return v == null ? "0" : v.Major + "." + v.Minor + "." + v.Build;
        }

        public ConnectClientConfig()
            : base(ConnectDefaultConfigurations.Instance)
        {
            ServiceId = "Connect";
            AuthenticationServiceName = "connect";
            EndpointProvider = new ConnectEndpointProvider();
            // Settings a ClientConfig otherwise looks up on first use through FallbackInternalConfigurationFactory (every
            // AWS_* variable it knows, then the shared config file's profile, all at once), for features no Connect
            // operation has: response and request checksums, account-id endpoints, auth schemes other than SigV4, request
            // compression, endpoint discovery. The values are the SDK's defaults; what they could still change is only
            // the feature list in the User-Agent. FIPS and dual-stack are set again from the environment for AWS
            // endpoints (ConnectClientFactory); a custom endpoint URL is used as it is. The settings that do apply to
            // Connect (app id, clock-skew correction, configured endpoint URLs) are read by SharedConfigSettings.
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_SUPPORTED;
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_SUPPORTED;
            AccountIdEndpointMode = AccountIdEndpointMode.PREFERRED;
            AuthSchemePreference = new List<string>();
            SigV4aSigningRegionSet = new List<string>();
            DisableRequestCompression = false;
            EndpointDiscoveryEnabled = false;
            UseFIPSEndpoint = false;
            UseDualstackEndpoint = false;
        }

        public override string RegionEndpointServiceName => "connect";

        public override string ServiceVersion => "2017-08-08";

        public override string UserAgent => UserAgentString;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            var endpointParameters = ConnectEndpointProvider.ParametersFor(this, parameters.AlternateEndpoint?.SystemName);
            return EndpointProvider.ResolveEndpoint(endpointParameters);
        }
    }
}
