using System;
using System.Net;
using System.Net.Http;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>The client's own HTTP pieces say what the SDK's did: the same request Uri, the same header answers.</summary>
    public class LeanHttpTests
    {
        private sealed class AnyRequest : AmazonWebServiceRequest
        {
        }

        private static DefaultRequest Get(string endpoint, string instanceId, string userId)
        {
            var r = new DefaultRequest(new AnyRequest(), "Connect") { HttpMethod = "GET", Endpoint = new Uri(endpoint) };
            r.AddPathResource("{InstanceId}", instanceId);
            r.AddPathResource("{UserId}", userId);
            r.ResourcePath = "/users/{InstanceId}/{UserId}";
            return r;
        }

        [Theory]
        [InlineData("http://127.0.0.1:5000")]
        [InlineData("https://connect.us-west-2.amazonaws.com/")]
        [InlineData("https://proxy.example.com/base")]
        public void APlainPathIsTheUriComposeUrlMakes(string endpoint)
        {
            var r = Get(endpoint, "40c83b68-ea62-414c-97bb-d018e39e158e", "0c245dc0-0cf5-4e37-800e-2a7481cc8a60");
            var lean = ConnectHttpHandler.PlainUri(r.Endpoint, r.ResourcePath, r);
            Assert.NotNull(lean);
            Assert.Equal(AmazonServiceClient.ComposeUrl(r).AbsoluteUri, lean!.AbsoluteUri);
            Assert.EndsWith("/users/40c83b68-ea62-414c-97bb-d018e39e158e/0c245dc0-0cf5-4e37-800e-2a7481cc8a60", lean.AbsoluteUri);
        }

        [Theory]
        [InlineData("a b")]
        [InlineData("a/b")]
        [InlineData("a%2Fb")]
        [InlineData("..")]
        [InlineData("ü")]
        [InlineData("")]
        public void AnIdThatNeedsEncodingIsLeftToTheSdk(string userId)
        {
            var r = Get("http://127.0.0.1:5000", "40c83b68-ea62-414c-97bb-d018e39e158e", userId);
            Assert.Null(ConnectHttpHandler.PlainUri(r.Endpoint, r.ResourcePath, r));
        }

        [Theory]
        [InlineData("40c83b68-ea62-414c-97bb-d018e39e158e", "0c245dc0-0cf5-4e37-800e-2a7481cc8a60", true)]
        [InlineData("40c83b68-ea62-414c-97bb-d018e39e158e", "a b", false)]
        [InlineData("x/y", "0c245dc0", false)]
        public void TheMarshalledPathIsTheOneTheSdkWouldResolve(string instanceId, string userId, bool plain)
        {
            var user = new DescribeUserRequest { InstanceId = instanceId, UserId = userId };
            var wire = (IRequest)user.Marshall(user);
            wire.Endpoint = new Uri("http://127.0.0.1:5000");
            var expected = plain ? "/users/" + instanceId + "/" + userId : null;
            Assert.Equal(expected, ((ConnectWireRequest)wire).PlainPath);
            // The generic route (no marshaller hint) agrees, and so does the SDK's own Uri.
            var generic = Get("http://127.0.0.1:5000", instanceId, userId);
            Assert.Equal(expected, ConnectHttpHandler.PlainPath(generic.ResourcePath, generic));
            if (plain) Assert.Equal(AmazonServiceClient.ComposeUrl(wire).AbsoluteUri, ConnectHttpHandler.PlainUri(wire.Endpoint, wire.ResourcePath, wire)!.AbsoluteUri);

            var instance = new DescribeInstanceRequest { InstanceId = instanceId };
            var wire2 = (ConnectWireRequest)instance.Marshall(instance);
            Assert.Equal(instanceId.Contains('/') ? null : "/instance/" + instanceId, wire2.PlainPath);
        }

        [Fact]
        public void ResponseHeadersAnswerAsTheSdksResponseDataDid()
        {
            var message = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("{}") };
            message.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-1");
            message.Headers.TryAddWithoutValidation("X-Amzn-ErrorType", "TooManyRequestsException:http://internal");
            var data = new ConnectResponseData(message);
            Assert.Equal("req-1", data.GetHeaderValue("X-AMZN-REQUESTID"));
            Assert.Equal("TooManyRequestsException:http://internal", data.GetHeaderValue("x-amzn-errortype"));
            Assert.Equal(string.Empty, data.GetHeaderValue("x-amzn-missing"));
            Assert.Equal(string.Empty, data.GetHeaderValue("Age")); // a response header name asked of content headers too
            Assert.True(data.IsHeaderPresent("x-amzn-RequestId"));
            Assert.False(data.IsHeaderPresent("Date"));
            Assert.Equal("text/plain", data.ContentType);
            Assert.Equal(HttpStatusCode.TooManyRequests, data.StatusCode);
            Assert.False(data.IsSuccessStatusCode);
            Assert.Contains("x-amzn-RequestId", data.GetHeaderNames());
            Assert.Contains("Content-Type", data.GetHeaderNames());
        }
    }
}
