using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// A GET with a query (ListInstances, ListUsers) is signed and addressed in one pass exactly as AWS4Signer signs it
    /// and ComposeUrl addresses it, when no name or value needs encoding; anything else is left to the SDK.
    /// </summary>
    public class LeanQueryTests
    {
        private sealed class AnyRequest : AmazonWebServiceRequest
        {
        }

        private static readonly BasicAWSCredentials Keys = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

        private static DefaultRequest Listing(params (string Name, string Value)[] query)
        {
            var r = new DefaultRequest(new AnyRequest(), "Connect") { HttpMethod = "GET", Endpoint = new Uri("https://connect.us-west-2.amazonaws.com") };
            r.Headers["X-Amz-Api-Version"] = "2017-08-08";
            r.Headers["amz-sdk-invocation-id"] = "0b0a7a42-34f9-4a4a-9d1a-1d3f0e9f5d11";
            r.AddPathResource("{InstanceId}", "40c83b68-ea62-414c-97bb-d018e39e158e");
            r.ResourcePath = "/users-summary/{InstanceId}";
            r.PrecomputedContentSha256 = AWS4Signer.EmptyBodySha256;
            r.UseQueryString = true;
            foreach (var (name, value) in query) r.Parameters.Add(name, value);
            return r;
        }

        /// <summary>Signs two copies, one by AWS4Signer and one by the lean path, in the same second; the lean result or null.</summary>
        private static AWS4SigningResult? SignBoth(Func<DefaultRequest> make, out string sdkAuthorization)
        {
            var config = new ConnectClientConfig { RegionEndpoint = Amazon.RegionEndpoint.USWest2 };
            var credentials = Keys.GetCredentials();
            for (int attempt = 0; attempt < 5; attempt++)
            {
                DefaultRequest sdk = make(), lean = make();
                new AWS4Signer().Sign(sdk, config, null!, Keys);
                var result = ConnectSigner.Instance.SignLean(lean, config, null!, credentials.AccessKey, credentials.SecretKey);
                if (result != null && sdk.Headers["X-Amz-Date"] != lean.Headers["X-Amz-Date"]) continue; // a second ticked in between
                sdkAuthorization = sdk.Headers["Authorization"];
                return result;
            }
            throw new InvalidOperationException("the clock ticked between every pair of signatures");
        }

        public static IEnumerable<object[]> PlainShapes() => new[]
        {
            new object[] { new[] { ("maxResults", "10") }, "maxResults=10" },
            new object[] { new[] { ("nextToken", "AbC-9_x.~"), ("maxResults", "100") }, "maxResults=100&nextToken=AbC-9_x.~" },
            new object[] { new[] { ("ab", "1"), ("a_b", "2"), ("aB", "3"), ("Zz", "4") }, "Zz=4&aB=3&a_b=2&ab=1" }, // ordinal, not ignoring case
            new object[] { new[] { ("nextToken", ""), ("maxResults", "5") }, "maxResults=5&nextToken=" },           // an empty value
        };

        [Theory]
        [MemberData(nameof(PlainShapes))]
        public void APlainQueryIsSignedAndAddressedAsTheSdkDoes((string, string)[] query, string expected)
        {
            var result = SignBoth(() => Listing(query), out var sdkAuthorization);
            Assert.NotNull(result); // the lean path took it
            Assert.Equal(sdkAuthorization, result!.ForAuthorizationHeader);

            var r = Listing(query);
            Assert.Equal(expected, ConnectHttpHandler.PlainQuery(r));
            var lean = ConnectHttpHandler.PlainUri(r.Endpoint, r.ResourcePath, r);
            Assert.NotNull(lean);
            var sdk = AmazonServiceClient.ComposeUrl(r);
            Assert.Equal(sdk.AbsoluteUri, lean!.AbsoluteUri);
            Assert.Equal(sdk.OriginalString, lean.OriginalString);
            Assert.Equal("?" + expected, lean.Query);
        }

        public static IEnumerable<object[]> OtherShapes() => new[]
        {
            new object[] { new[] { ("nextToken", "a+b/c==") } },   // base64: '+', '/', '=' are encoded
            new object[] { new[] { ("nextToken", "a b") } },
            new object[] { new[] { ("nextToken", "ü") } },
            new object[] { new[] { ("next token", "1") } },        // a name to encode
            new object[] { new[] { ("", "1") } },
        };

        [Theory]
        [MemberData(nameof(OtherShapes))]
        public void AQueryToEncodeIsLeftToTheSdk((string, string)[] query)
        {
            Assert.Null(SignBoth(() => Listing(query), out _));
            var r = Listing(query);
            Assert.Null(ConnectHttpHandler.PlainQuery(r));
            Assert.Null(ConnectHttpHandler.PlainUri(r.Endpoint, r.ResourcePath, r));
            AssertSdkSignature(() => Listing(query));
        }

        [Fact]
        public void AListValueOrANullValueIsLeftToTheSdk()
        {
            var list = Listing(("maxResults", "10"));
            list.ParameterCollection.Add("ids", new List<string> { "b", "a" });
            Assert.Null(ConnectHttpHandler.PlainQuery(list));
            var nullValue = Listing(("maxResults", "10"));
            nullValue.Parameters["nextToken"] = null;
            Assert.Null(ConnectHttpHandler.PlainQuery(nullValue));
            var body = Listing(("maxResults", "10"));
            body.UseQueryString = false; // a GET's parameters go in the Uri all the same (DefaultRequest says so)
            Assert.Equal("maxResults=10", ConnectHttpHandler.PlainQuery(body));
            Assert.Equal("", ConnectHttpHandler.PlainQuery(Listing()));
            AssertSdkSignature(() => { var r = Listing(("maxResults", "10")); r.ParameterCollection.Add("ids", new List<string> { "b", "a" }); return r; });
        }

        /// <summary>ConnectSigner.Sign (whichever way it goes) gives AWS4Signer's Authorization header.</summary>
        private static void AssertSdkSignature(Func<DefaultRequest> make)
        {
            var config = new ConnectClientConfig { RegionEndpoint = Amazon.RegionEndpoint.USWest2 };
            for (int attempt = 0; attempt < 5; attempt++)
            {
                DefaultRequest sdk = make(), ours = make();
                new AWS4Signer().Sign(sdk, config, null!, Keys);
                ConnectSigner.Instance.Sign(ours, config, null!, Keys);
                if (sdk.Headers["X-Amz-Date"] != ours.Headers["X-Amz-Date"]) continue;
                Assert.Equal(sdk.Headers["Authorization"], ours.Headers["Authorization"]);
                return;
            }
            Assert.Fail("the clock ticked between every pair of signatures");
        }

        [Theory]
        [InlineData(null, null)]
        [InlineData(10, null)]
        [InlineData(null, "AbC-9_x.~")]
        [InlineData(100, "AbC-9_x.~")]
        [InlineData(100, "")]
        [InlineData(100, "a+b/c==")]
        [InlineData(-1, "a b")]
        public void TheMarshalledQueryIsTheOneTheSdkWouldWrite(int? maxResults, string? nextToken)
        {
            var instances = new ListInstancesRequest { MaxResults = maxResults, NextToken = nextToken };
            var users = new ListUsersRequest { InstanceId = "40c83b68", MaxResults = maxResults, NextToken = nextToken };
            var marshalled = new[] { instances.Marshall(instances), users.Marshall(users) };
            bool plain = nextToken == null || ConnectHttpHandler.UnreservedChars(nextToken);
            foreach (var wire in marshalled)
            {
                wire.Endpoint = new Uri("http://127.0.0.1:5000");
                var hint = ((ConnectWireRequest)wire).PlainQuery;
                Assert.Equal(plain, hint != null);
                // The generic route (parameters walked) agrees with the marshaller's hint, and the Uri with ComposeUrl's.
                var generic = Listing(wire.Parameters.Select(p => (p.Key, p.Value)).ToArray());
                Assert.Equal(ConnectHttpHandler.PlainQuery(generic), hint);
                Assert.NotNull(((ConnectWireRequest)wire).PlainPath);
                var uri = ConnectHttpHandler.PlainUri(wire.Endpoint, wire.ResourcePath, wire);
                Assert.Equal(plain, uri != null);
                if (plain) Assert.Equal(AmazonServiceClient.ComposeUrl(wire).OriginalString, uri!.OriginalString);
            }
        }

        [Fact]
        public void AParameterAddedAfterMarshallingVoidsTheHint()
        {
            var request = new ListInstancesRequest { MaxResults = 10 };
            var wire = (IRequest)request.Marshall(request);
            wire.Parameters.Add("extra", "a/b");
            Assert.Null(ConnectHttpHandler.PlainQuery(wire));
        }

        [Fact]
        public async Task ListingsRoundTripThroughTheEmulatorsSigV4()
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedInstances = 3; o.GeneratedUsers = 25; });
            var client = h.Client();

            // Every page's token as the emulator gives it (base64: most need encoding, some do not).
            var seen = new List<string>();
            string? token = null;
            do
            {
                var page = await client.ListUsersAsync(h.Instance.Id, token, 2);
                Assert.InRange(page.Items.Count, 1, 2);
                seen.AddRange(page.Items.Select(u => u.Id!));
                token = page.NextToken;
            } while (token != null);
            Assert.Equal(h.Instance.Users.Select(u => u.Id).OrderBy(x => x), seen.OrderBy(x => x));

            var instances = await client.ListInstancesAsync(null, 2);
            Assert.Equal(2, instances.Items.Count);
            var rest = await client.ListInstancesAsync(instances.NextToken, 10);
            Assert.NotEmpty(rest.Items);
            Assert.Equal(instances.Items.Count, (await client.ListInstancesAsync("", 2)).Items.Count); // an empty value: no token

            // Tokens the emulator does not know, with and without characters to encode: refused for the token (400),
            // which it checks after the signature (a wrong signature is a 403).
            foreach (var bad in new[] { "AbC-9_x.~", "a+b/c==", "a b" })
            {
                var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.ListUsersAsync(h.Instance.Id, bad, 5));
                Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
                Assert.True(e.IsInvalidInput, e.ErrorCode);
                var f = await Assert.ThrowsAsync<ConnectServiceException>(() => client.ListInstancesAsync(bad, 5));
                Assert.Equal(HttpStatusCode.BadRequest, f.StatusCode);
            }
        }
    }
}
