using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// Bodies that are not what they should be: WireReader fails (or reads) exactly where the serializer did, with the same
    /// exception types, so the unmarshaller's "empty"/"not valid JSON" wording and the SDK's retry of an unreadable
    /// response stay as they were.
    /// </summary>
    public class WireReaderErrorTests
    {
        public static TheoryData<string> Bodies() => new TheoryData<string>
        {
            "", "   ", "\n\n", "null", " null ", "{}", "{", "}", "[", "[]", "5", "\"x\"", "true", "{} x", "{}{}", "{},", "{}\n// c",
            "{\"a\":1,}", "{/*c*/}", "{'a':1}", "{\"a\" 1}", "{\"NextToken\":\"\\x\"}", "{\"NextToken\":\"\\ud800\"}",
            "{\"Instance\":}", "{\"Instance\":5}", "{\"Instance\":[]}", "{\"Instance\":\"x\"}", "{\"Instance\":null}",
            "{\"Instance\":{\"Id\":5}}", "{\"Instance\":{\"Id\":true}}", "{\"Instance\":{\"Id\":{}}}", "{\"Instance\":{\"Id\":[]}}",
            "{\"Instance\":{\"InboundCallsEnabled\":\"true\"}}", "{\"Instance\":{\"InboundCallsEnabled\":1}}",
            "{\"Instance\":{\"CreatedTime\":true}}", "{\"Instance\":{\"CreatedTime\":{}}}", "{\"Instance\":{\"CreatedTime\":[1]}}",
            "{\"Instance\":{\"CreatedTime\":\"not a time\"}}", "{\"Instance\":{\"CreatedTime\":1e400}}", "{\"Instance\":{\"CreatedTime\":1e30}}",
            "{\"Instance\":{\"CreatedTime\":1e20}}", "{\"Instance\":{\"CreatedTime\":-1.5}}",
            "{\"Instance\":{\"Tags\":{\"a\":1}}}", "{\"Instance\":{\"Tags\":[]}}", "{\"Instance\":{\"Tags\":{\"a\":{}}}}",
            "{\"Instance\":{\"StatusReason\":\"x\"}}", "{\"ReplicationConfiguration\":{\"ReplicationStatusSummaryList\":{}}}",
            "{\"ReplicationConfiguration\":{\"ReplicationStatusSummaryList\":[1]}}", "{\"ReplicationConfiguration\":{\"ReplicationStatusSummaryList\":[null]}}",
            "{\"InstanceSummaryList\":{}}", "{\"InstanceSummaryList\":[1]}", "{\"InstanceSummaryList\":[null,{}]}", "{\"InstanceSummaryList\":[{},]}",
            "{\"NextToken\":5}", "{\"User\":{\"PhoneConfig\":{\"AfterContactWorkTimeLimit\":\"5\"}}}",
            "{\"User\":{\"PhoneConfig\":{\"AfterContactWorkTimeLimit\":5.5}}}", "{\"User\":{\"PhoneConfig\":{\"AfterContactWorkTimeLimit\":3000000000}}}",
            "{\"User\":{\"PhoneConfig\":{\"AfterContactWorkTimeLimit\":1e2}}}", "{\"User\":{\"PhoneConfig\":{\"AfterContactWorkTimeLimit\":-0}}}",
            "{\"User\":{\"SecurityProfileIds\":[1]}}", "{\"User\":{\"SecurityProfileIds\":\"a\"}}", "{\"User\":{\"AutoAcceptConfigs\":[[]]}}",
            "{\"User\":{\"AfterContactWorkConfigs\":[{\"AfterContactWorkConfig\":[]}]}}", "{\"User\":{\"LastModifiedTime\":false}}",
            "{\"UserSummaryList\":[{\"LastModifiedTime\":\"x\"}]}", "{\"Users\":[{\"IdentityInfo\":5}]}",
            "{\"ApproximateTotalCount\":\"5\"}", "{\"ApproximateTotalCount\":5.0}", "{\"ApproximateTotalCount\":99999999999999999999}",
            "{\"Unknown\":" + new string('[', 70) + new string(']', 70) + "}", "{\"Unknown\":" + new string('[', 60) + new string(']', 60) + "}",
            "{\"Unknown\":[1,}", "{\"Unknown\":{\"a\":}}", "{\"Unknown\":tru}", "{\"Unknown\":01}", "{\"Unknown\":\"a\nb\"}",
        };

        [Theory]
        [MemberData(nameof(Bodies))]
        public async Task EveryBodyTypeFailsOrReadsAsTheSerializerDid(string json)
        {
            await Same(ConnectUnmarshallers.DescribeInstance, Encoding.UTF8.GetBytes(json));
            await Same(ConnectUnmarshallers.ListInstances, Encoding.UTF8.GetBytes(json));
            await Same(ConnectUnmarshallers.DescribeUser, Encoding.UTF8.GetBytes(json));
            await Same(ConnectUnmarshallers.ListUsers, Encoding.UTF8.GetBytes(json));
            await Same(ConnectUnmarshallers.SearchUsers, Encoding.UTF8.GetBytes(json));
        }

        [Fact]
        public async Task TextThatIsNotUtf8FailsAsTheSerializerDid()
        {
            byte[] bad = Encoding.UTF8.GetBytes("{\"NextToken\":\"ab\",\"Unknown\":\"ab\"}");
            bad[15] = 0xFF;
            await Same(ConnectUnmarshallers.ListUsers, bad);
            bad = Encoding.UTF8.GetBytes("{\"NextToken\":\"ab\",\"Unknown\":\"ab\"}");
            bad[30] = 0xFF;
            await Same(ConnectUnmarshallers.ListUsers, bad);
        }

        [Fact]
        public async Task AValueOfTheWrongKindSaysWhereItIs()
        {
            var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
                WireOracle.ReadAsync(ConnectUnmarshallers.DescribeInstance, WireOracle.Utf8("{\n  \"Instance\": {\n    \"Id\": 5\n  }\n}")));
            Assert.StartsWith("The response body is not valid JSON of the expected shape (", e.Message);
            var inner = Assert.IsAssignableFrom<JsonException>(e.InnerException);
            Assert.Equal(2, inner.LineNumber);
            Assert.Equal(11, inner.BytePositionInLine);
            Assert.Contains("System.String", e.Message);
        }

        private static async Task Same<T>(ConnectUnmarshaller<T> unmarshaller, byte[] json) where T : class
        {
            string body = Encoding.UTF8.GetString(json);
            Exception? before = null, now = null;
            T? old = null, read = null;
            try { old = WireOracle.Deserialize<T>(json); } catch (Exception e) { before = e; }
            try { read = await WireOracle.ReadAsync(unmarshaller, json); } catch (Exception e) { now = e; }
            if (before == null)
            {
                Assert.True(now == null, $"{typeof(T).Name} <- {body}: the serializer read it, WireReader threw {now}");
                Assert.Equal(WireOracle.Json(old), WireOracle.Json(read));
                return;
            }
            Assert.True(now != null, $"{typeof(T).Name} <- {body}: the serializer threw {before.GetType().Name}: {before.Message}; WireReader read {WireOracle.Json(read)}");
            Assert.True(before.GetType() == now!.GetType(), $"{typeof(T).Name} <- {body}: {before.GetType().Name} before ({before.Message}), {now.GetType().Name} now ({now.Message})");
            Assert.Equal(Wording(before.Message), Wording(now.Message));
            Assert.Equal(before.InnerException is JsonException, now.InnerException is JsonException);
        }

        /// <summary>The unmarshaller's own words, without the JSON error's details in brackets.</summary>
        private static string Wording(string message) => message.Split(" (")[0];
    }
}
