using System;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>ConnectSigner's one-pass canonical request signs exactly as the SDK's AWS4Signer does.</summary>
    public class LeanSignerTests
    {
        private sealed class AnyRequest : AmazonWebServiceRequest
        {
        }

        private static DefaultRequest Request(string userId, string endpoint = "https://connect.us-west-2.amazonaws.com")
        {
            var r = new DefaultRequest(new AnyRequest(), "Connect") { HttpMethod = "GET", Endpoint = new Uri(endpoint) };
            r.Headers["X-Amz-Api-Version"] = "2017-08-08";
            r.Headers["amz-sdk-invocation-id"] = "0b0a7a42-34f9-4a4a-9d1a-1d3f0e9f5d11";
            r.Headers["amz-sdk-request"] = "attempt=1; max=3";
            r.AddPathResource("{InstanceId}", "40c83b68-ea62-414c-97bb-d018e39e158e");
            r.AddPathResource("{UserId}", userId);
            r.ResourcePath = "/users/{InstanceId}/{UserId}";
            r.PrecomputedContentSha256 = AWS4Signer.EmptyBodySha256;
            return r;
        }

        private static void AssertSameSignature(Func<DefaultRequest> make, AWSCredentials credentials)
        {
            var config = new ConnectClientConfig { RegionEndpoint = Amazon.RegionEndpoint.USWest2 };
            for (int attempt = 0; attempt < 5; attempt++)
            {
                DefaultRequest sdk = make(), lean = make();
                if (credentials.GetCredentials().UseToken)
                {
                    sdk.Headers["x-amz-security-token"] = credentials.GetCredentials().Token;
                    lean.Headers["x-amz-security-token"] = credentials.GetCredentials().Token;
                }
                new AWS4Signer().Sign(sdk, config, null!, credentials);
                ConnectSigner.Instance.Sign(lean, config, null!, credentials);
                if (sdk.Headers["X-Amz-Date"] != lean.Headers["X-Amz-Date"]) continue; // a second ticked in between
                Assert.Equal(sdk.Headers["Authorization"], lean.Headers["Authorization"]);
                Assert.Equal(sdk.Headers["X-Amz-Content-SHA256"], lean.Headers["X-Amz-Content-SHA256"]);
                Assert.Equal(sdk.Headers["host"], lean.Headers["host"]);
                Assert.Equal(sdk.DeterminedSigningRegion, lean.DeterminedSigningRegion);
                Assert.NotNull(lean.AWS4SignerResult);
                return;
            }
            Assert.Fail("the clock ticked between every pair of signatures");
        }

        [Fact]
        public void APlainGetIsSignedAsTheSdkSignsIt() =>
            AssertSameSignature(() => Request("0c245dc0-0cf5-4e37-800e-2a7481cc8a60"), new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

        [Fact]
        public void ASessionTokenIsSignedAsTheSdkSignsIt() =>
            AssertSameSignature(() => Request("0c245dc0-0cf5-4e37-800e-2a7481cc8a60"), new SessionAWSCredentials("ASIAEXAMPLE", "secret", "token/with+chars=="));

        [Theory]
        [InlineData("user id")]       // needs encoding: the SDK's way
        [InlineData("a/b")]
        public void AnythingElseIsTheSdksSignature(string userId) =>
            AssertSameSignature(() => Request(userId), new BasicAWSCredentials("AKIDEXAMPLE", "secret"));

        [Fact]
        public void AnEndpointWithAPathIsTheSdksSignature() =>
            AssertSameSignature(() => Request("0c245dc0", "https://proxy.example.com/base"), new BasicAWSCredentials("AKIDEXAMPLE", "secret"));

        [Fact]
        public void AValueWithRepeatedSpacesIsTheSdksSignature() =>
            AssertSameSignature(() => { var r = Request("0c245dc0"); r.Headers["X-Amz-Api-Version"] = " 2017  08 "; return r; }, new BasicAWSCredentials("AKIDEXAMPLE", "secret"));

        [Fact]
        public void AQueryIsTheSdksSignature() =>
            AssertSameSignature(() => { var r = Request("0c245dc0"); r.Parameters["maxResults"] = "10"; r.UseQueryString = true; return r; }, new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
    }
}
