using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace ConnectTools.Client
{
    /// <summary>Maps the client configuration onto <see cref="ConnectEndpointProvider"/>'s parameters for each request.</summary>
    internal sealed class ConnectEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
        {
            var config = (ClientConfig)requestContext.ClientConfig;
            return ConnectEndpointProvider.ParametersFor(config, requestContext.Request.AlternateEndpoint?.SystemName);
        }
    }

    /// <summary>Connect authenticates every operation with SigV4.</summary>
    internal sealed class ConnectAuthSchemeHandler : BaseAuthResolverHandler
    {
        private static readonly List<IAuthSchemeOption> SigV4 = new List<IAuthSchemeOption>
        {
            new AuthSchemeOption { SchemeId = "aws.auth#sigv4" },
        };

        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => SigV4;
    }
}
