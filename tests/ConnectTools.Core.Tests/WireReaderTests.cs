using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>The response bodies as <see cref="WireReader"/> reads them, against what the serializer read before.</summary>
    public class WireReaderTests
    {
        [Fact]
        public async Task EveryMemberOfEveryBodyIsRead()
        {
            await RoundTrip(ConnectUnmarshallers.DescribeInstance);
            await RoundTrip(ConnectUnmarshallers.ListInstances);
            await RoundTrip(ConnectUnmarshallers.DescribeUser);
            await RoundTrip(ConnectUnmarshallers.ListUsers);
            await RoundTrip(ConnectUnmarshallers.SearchUsers);
        }

        private static async Task RoundTrip<T>(ConnectUnmarshaller<T> unmarshaller) where T : class
        {
            var expected = WireOracle.Json(WireOracle.Populated(typeof(T)));
            Assert.DoesNotContain("null", expected);
            var read = await WireOracle.ReadAsync(unmarshaller, WireOracle.Utf8(expected));
            Assert.Equal(expected, WireOracle.Json(read));
        }

        [Fact]
        public void ThePopulatedBodiesHoldEveryModelType()
        {
            // The round trip covers a model type only if a body reaches it; every public model with members is reached.
            var reached = new HashSet<Type>();
            foreach (var body in new[] { typeof(DescribeInstanceBody), typeof(ListInstancesBody), typeof(DescribeUserBody), typeof(ListUsersBody), typeof(SearchUsersResponseBody) })
                Reach(body, reached);
            var models = typeof(ConnectInstance).Assembly.GetExportedTypes()
                .Where(t => t.Namespace == "ConnectTools" && t.IsClass && !t.IsAbstract && !t.IsGenericType && t.GetProperties().Any(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIncludeAttribute), true).Length > 0));
            Assert.Empty(models.Where(t => !reached.Contains(t)));
        }

        private static void Reach(Type type, HashSet<Type> reached)
        {
            if (type == typeof(string) || !type.IsClass || !reached.Add(type)) return;
            foreach (var p in WireOracle.SerializedMembers(type))
            {
                Type t = p.PropertyType;
                if (t.IsArray) t = t.GetElementType()!;
                else if (t.IsGenericType) t = t.GetGenericArguments().Last();
                Reach(t, reached);
            }
        }

        [Fact]
        public async Task UnknownMembersAreSkippedWhateverTheyHoldAndNamesAreCaseSensitive()
        {
            await WithUnknownMembers(ConnectUnmarshallers.DescribeInstance);
            await WithUnknownMembers(ConnectUnmarshallers.ListInstances);
            await WithUnknownMembers(ConnectUnmarshallers.DescribeUser);
            await WithUnknownMembers(ConnectUnmarshallers.ListUsers);
            await WithUnknownMembers(ConnectUnmarshallers.SearchUsers);
        }

        private static async Task WithUnknownMembers<T>(ConnectUnmarshaller<T> unmarshaller) where T : class
        {
            var expected = WireOracle.Json(WireOracle.Populated(typeof(T)));
            var node = JsonNode.Parse(expected)!;
            int added = AddUnknownMembers(node);
            Assert.True(added >= 3);
            var read = await WireOracle.ReadAsync(unmarshaller, WireOracle.Utf8(node.ToJsonString()));
            Assert.Equal(expected, WireOracle.Json(read));
        }

        /// <summary>Into every object but maps: scalars, nested objects and arrays of objects, members named like ours in other cases.</summary>
        private static int AddUnknownMembers(JsonNode? node)
        {
            int added = 0;
            if (node is JsonArray array)
            {
                foreach (var item in array) added += AddUnknownMembers(item);
            }
            else if (node is JsonObject obj)
            {
                // Tags is a map: every member of it is read.
                foreach (var member in obj.ToList().Where(m => m.Key != "Tags")) added += AddUnknownMembers(member.Value);
                foreach (var member in obj.Select(m => m.Key).ToList())
                {
                    obj[member.ToLowerInvariant()] = JsonNode.Parse("{\"Id\":\"not ours\"}");
                    obj[member.ToUpperInvariant()] = 12;
                }
                obj["NewNumber"] = 1.5e300;
                obj["NewString"] = "x";
                obj["NewBool"] = false;
                obj["NewNull"] = null;
                obj["NewObject"] = JsonNode.Parse("{\"Id\":\"no\",\"Deep\":{\"A\":[{\"B\":[[],{},null,1,\"s\"]}]},\"Arn\":null}");
                obj["NewObjects"] = JsonNode.Parse("[{\"Id\":\"no\"},{\"Users\":[{\"Id\":\"no\"}]},[[{\"x\":{}}]]]");
                obj["NewEmpty"] = new JsonObject();
                added++;
            }
            return added;
        }

        [Fact]
        public async Task NullsAreNull()
        {
            var user = (await WireOracle.ReadAsync(ConnectUnmarshallers.DescribeUser, WireOracle.Utf8(
                "{\"User\":{\"Id\":null,\"PhoneConfig\":null,\"SecurityProfileIds\":[null,\"a\"],\"Tags\":{\"k\":null},\"LastModifiedTime\":null," +
                "\"AutoAcceptConfigs\":[null],\"IdentityInfo\":{\"FirstName\":null}}}"))).User!;
            Assert.Null(user.Id);
            Assert.Null(user.PhoneConfig);
            Assert.Null(user.LastModifiedTime);
            Assert.Equal(new[] { null, "a" }, user.SecurityProfileIds);
            Assert.Null(user.Tags!["k"]);
            Assert.Equal(new AutoAcceptConfig?[] { null }, user.AutoAcceptConfigs);
            Assert.Null(user.IdentityInfo!.FirstName);
            var list = await WireOracle.ReadAsync(ConnectUnmarshallers.ListInstances, WireOracle.Utf8("{\"InstanceSummaryList\":null,\"NextToken\":null}"));
            Assert.Null(list.InstanceSummaryList);
            var instance = await WireOracle.ReadAsync(ConnectUnmarshallers.DescribeInstance,
                WireOracle.Utf8("{\"Instance\":{\"InboundCallsEnabled\":null,\"CreatedTime\":null,\"StatusReason\":null}}"));
            Assert.Null(instance.Instance!.InboundCallsEnabled);
            var search = await WireOracle.ReadAsync(ConnectUnmarshallers.SearchUsers, WireOracle.Utf8("{\"ApproximateTotalCount\":null,\"Users\":[]}"));
            Assert.Null(search.ApproximateTotalCount);
            Assert.Empty(search.Users!);
        }

        [Fact]
        public async Task TheLastOfDuplicateMembersWinsAndEscapedNamesMatch()
        {
            var body = await WireOracle.ReadAsync(ConnectUnmarshallers.DescribeInstance, WireOracle.Utf8(
                "{\"Instance\":{\"Id\":\"a\",\"Tags\":{\"k\":\"1\",\"k\":\"2\"},\"Id\":\"b\"},\"\\u0052eplicationConfiguration\":{\"SourceRegion\":\"r\"}}"));
            Assert.Equal("b", body.Instance!.Id);
            Assert.Equal("2", body.Instance.Tags!["k"]);
            Assert.Equal("r", body.ReplicationConfiguration!.SourceRegion);
            body = await WireOracle.ReadAsync(ConnectUnmarshallers.DescribeInstance, WireOracle.Utf8("{\"Instance\":{\"Id\":\"a\"},\"Instance\":null}"));
            Assert.Null(body.Instance);
        }

        [Theory]
        [InlineData("1700000000", 0L)]
        [InlineData("1700000000.123", 1230000L)]
        [InlineData("1700000000.5", 5000000L)]
        [InlineData("1.7E9", 0L)]
        [InlineData("\"1700000000.5\"", 5000000L)]
        [InlineData("\"2023-11-14T22:13:20.5Z\"", 5000000L)]
        [InlineData("\"2023-11-14T23:13:20.5+01:00\"", 5000000L)]
        [InlineData("\"2023-11-14T22:13:20.5\"", 5000000L)]
        public async Task TimestampsAreEpochSecondsOrIsoStringsInUtc(string json, long extraTicks)
        {
            var body = await WireOracle.ReadAsync(ConnectUnmarshallers.DescribeUser, WireOracle.Utf8(
                "{\"User\":{\"Id\":\"u\",\"LastModifiedTime\":" + json + ",\"NewMember\":{\"x\":[1,2]}},\"Other\":true}"));
            var expected = new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc).AddTicks(extraTicks);
            Assert.Equal(expected, body.User!.LastModifiedTime);
            Assert.Equal(DateTimeKind.Utc, body.User.LastModifiedTime!.Value.Kind);
            var list = await WireOracle.ReadAsync(ConnectUnmarshallers.ListInstances, WireOracle.Utf8(
                "{\"InstanceSummaryList\":[{\"CreatedTime\":" + json + "}]}"));
            Assert.Equal(expected, list.InstanceSummaryList![0].CreatedTime);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(-1)]
        public async Task ABodyLargerThanTheFirstBufferIsReadWholeInPieces(int announced)
        {
            // 3,000 users in a page, about 200 KB against a first buffer of 16 KB, in reads of at most 1,000 bytes; the length
            // the response announced is unknown (0), right (1) or too small (-1).
            var page = new { UserSummaryList = Enumerable.Range(0, 3000).Select(i => new { Id = "user-" + i, Username = "name" + i, LastModifiedTime = 1.7e9 + i }), NextToken = "next" };
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(page);
            Assert.True(json.Length > 10 * ConnectUnmarshaller<ListUsersBody>.InitialBufferSize);
            long length = announced == 0 ? 0 : announced == 1 ? json.Length : json.Length / 10;
            var body = await WireOracle.ReadAsync(ConnectUnmarshallers.ListUsers, new Trickle(json, 1000), length);
            Assert.Equal(3000, body.UserSummaryList!.Count);
            Assert.Equal("user-2999", body.UserSummaryList[2999].Id);
            Assert.Equal("next", body.NextToken);
        }

        [Fact]
        public async Task ReadingTheBodyStopsWhenTheCallIsCancelled()
        {
            using var cancel = new CancellationTokenSource();
            var reading = WireOracle.ReadAsync(ConnectUnmarshallers.ListUsers, new Trickle(WireOracle.Utf8("{\"NextToken\":\"x\"}"), 4, stall: true), 0, cancel.Token);
            await Task.Yield();
            Assert.False(reading.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        }

        /// <summary>A body in pieces of at most <c>piece</c> bytes; with <c>stall</c>, then nothing until cancelled.</summary>
        private sealed class Trickle : MemoryStream
        {
            private readonly int _piece;
            private readonly bool _stall;

            internal Trickle(byte[] body, int piece, bool stall = false) : base(body)
            {
                _piece = piece;
                _stall = stall;
            }

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                await Task.Yield();
                int read = Read(buffer.Span.Slice(0, Math.Min(buffer.Length, _piece)));
                if (read == 0 && _stall) await Task.Delay(Timeout.Infinite, cancellationToken);
                return read;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        }
    }
}
