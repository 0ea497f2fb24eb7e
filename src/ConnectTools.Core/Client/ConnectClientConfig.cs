using System;
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
        private static readonly string UserAgentString =
            "ConnectTools/" + typeof(ConnectClientConfig).Assembly.GetName().Version;

        public ConnectClientConfig()
            : base(new DefaultConfigurationProvider(ConnectDefaultConfigurations.All))
        {
            ServiceId = "Connect";
            AuthenticationServiceName = "connect";
            EndpointProvider = new ConnectEndpointProvider();
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
