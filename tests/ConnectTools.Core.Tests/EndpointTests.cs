using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using ConnectTools.Auth;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class EndpointTests
    {
        [Theory]
        [InlineData("us-east-1", false, false, "https://connect.us-east-1.amazonaws.com")]
        [InlineData("us-west-2", true, false, "https://connect-fips.us-west-2.amazonaws.com")]
        [InlineData("us-gov-west-1", false, false, "https://connect.us-gov-west-1.amazonaws.com")]
        [InlineData("cn-north-1", false, false, "https://connect.cn-north-1.amazonaws.com.cn")]
        [InlineData("eu-west-2", false, true, "https://connect.eu-west-2.api.aws")]
        [InlineData("ap-southeast-2", true, true, "https://connect-fips.ap-southeast-2.api.aws")]
        public void RegionalEndpointsFollowThePartition(string region, bool fips, bool dualStack, string expected)
        {
            Assert.Equal(expected, ConnectEndpointProvider.HostFor(region, fips, dualStack));
        }

        private static ConnectClient ClientFor(string region, string? endpointUrl, Dictionary<string, string?>? env = null)
        {
            var environment = new DictionaryEnvironment(env ?? new Dictionary<string, string?>());
            var aws = AwsResolver.Resolve(new AwsSettings { AccessKey = "AKIDENDPOINTTEST0001", SecretKey = "x", Region = region, Environment = environment });
            return ConnectClientFactory.Create(new ClientOptions(aws, endpointUrl, new HttpSettings(), environment));
        }

        private static string Resolve(ConnectClient client) =>
            ((ClientConfig)client.Config).DetermineServiceOperationEndpoint(new ServiceOperationEndpointParameters(new EmptyRequest())).URL;

        private sealed class EmptyRequest : AmazonWebServiceRequest { }

        [Fact]
        public void TheClientUsesTheRegionalEndpoint()
        {
            Assert.Equal("https://connect.eu-central-1.amazonaws.com", Resolve(ClientFor("eu-central-1", null)));
            Assert.Equal("https://connect-fips.us-east-1.amazonaws.com",
                Resolve(ClientFor("us-east-1", null, new Dictionary<string, string?> { ["AWS_USE_FIPS_ENDPOINT"] = "true" })));
        }

        [Fact]
        public void ACustomEndpointIsUsedVerbatimAndSignedForTheRegion()
        {
            var client = ClientFor("ap-northeast-1", "http://127.0.0.1:5000/prefix/");
            Assert.Equal("http://127.0.0.1:5000/prefix", Resolve(client));
            Assert.Equal("ap-northeast-1", client.Config.AuthenticationRegion);
        }

        [Theory]
        [InlineData("not a url")]
        [InlineData("ftp://example.com")]
        [InlineData("connect.us-east-1.amazonaws.com")]
        [InlineData("https://example.com/?x=1")]
        [InlineData("   ")]
        public void MalformedEndpointUrlsAreInputErrors(string url)
        {
            var e = Assert.Throws<ConnectInputException>(() => ConnectClientFactory.CheckEndpointUrl(url));
            Assert.Equal("EndpointUrl", e.ParamName);
        }
    }
}
