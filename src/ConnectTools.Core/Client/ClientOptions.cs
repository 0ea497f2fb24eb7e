using ConnectTools.Auth;

namespace ConnectTools.Client
{
    /// <summary>Everything that decides which client to use: resolved credentials, region, endpoint and HTTP settings.</summary>
    public sealed class ClientOptions
    {
        public ClientOptions(ResolvedAws aws, string? endpointUrl, HttpSettings http, IEnvironmentReader? environment = null)
        {
            Aws = aws;
            EndpointUrl = endpointUrl;
            Http = http;
            Environment = environment ?? ProcessEnvironment.Instance;
        }

        public ResolvedAws Aws { get; }
        public string? EndpointUrl { get; }
        public HttpSettings Http { get; }
        public IEnvironmentReader Environment { get; }
    }
}
