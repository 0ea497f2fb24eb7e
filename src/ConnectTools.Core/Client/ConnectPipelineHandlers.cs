using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Identity;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace ConnectTools.Client
{
    /// <summary>
    /// Maps the client configuration onto <see cref="ConnectEndpointProvider"/>'s parameters. The endpoint depends only on
    /// the configuration (Connect has no per-operation endpoint, host prefix or endpoint auth attributes), so its Uri is
    /// resolved once and reused while the configuration is unchanged, instead of a parameter bag, an endpoint and a parsed
    /// Uri on every call. Anything unusual (an alternate region, a global or replaced endpoint provider, an empty resource
    /// path) goes the SDK's way.
    /// </summary>
    internal sealed class ConnectEndpointResolver : BaseEndpointResolver
    {
        private sealed class Resolved
        {
            internal string? ServiceUrl, Region, AuthenticationRegion;
            internal bool Fips, DualStack, UseHttp;
            internal Uri? Endpoint;
            internal IPropertyBag? Attributes;

            internal bool Matches(ClientConfig c, string? region) =>
                ReferenceEquals(ServiceUrl, c.ServiceURL) && ReferenceEquals(Region, region) && ReferenceEquals(AuthenticationRegion, c.AuthenticationRegion)
                && Fips == c.UseFIPSEndpoint && DualStack == c.UseDualstackEndpoint && UseHttp == c.UseHttp;
        }

        private Resolved? _resolved;

        public override void ProcessRequestHandlers(IExecutionContext executionContext)
        {
            var requestContext = executionContext.RequestContext;
            var request = requestContext.Request;
            var config = (ClientConfig)requestContext.ClientConfig;
            if (request.AlternateEndpoint != null || GlobalEndpoints.Provider != null || !(config.EndpointProvider is ConnectEndpointProvider)
                || string.IsNullOrEmpty(request.ResourcePath) || request.ResourcePath == "/")
            {
                base.ProcessRequestHandlers(executionContext);
                return;
            }

            string? region = config.RegionEndpoint?.SystemName;
            var resolved = _resolved;
            if (resolved == null || !resolved.Matches(config, region))
            {
                // Resolve the SDK's way once, then keep what it set.
                var fresh = new Resolved
                {
                    ServiceUrl = config.ServiceURL, Region = region, AuthenticationRegion = config.AuthenticationRegion,
                    Fips = config.UseFIPSEndpoint, DualStack = config.UseDualstackEndpoint, UseHttp = config.UseHttp,
                };
                base.ProcessRequestHandlers(executionContext);
                fresh.Endpoint = request.Endpoint;
                fresh.Attributes = request.EndpointAttributes;
                _resolved = fresh;
                return;
            }

            request.Endpoint = resolved.Endpoint;
            request.EndpointAttributes = resolved.Attributes;
            if (!string.IsNullOrEmpty(config.AuthenticationRegion)) request.AuthenticationRegion = config.AuthenticationRegion;
        }

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

        /// <summary>The SDK's SigV4 signer, with a one-pass canonical request for Connect's plain GETs (see <see cref="ConnectSigner"/>).</summary>
        protected override ISigner GetSigner(IAuthScheme<BaseIdentity> scheme)
        {
            var signer = base.GetSigner(scheme);
            return signer != null && signer.GetType() == typeof(AWS4Signer) ? ConnectSigner.Instance : signer;
        }
    }
}
