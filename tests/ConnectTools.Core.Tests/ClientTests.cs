using System;
using System.Linq;
using System.Threading.Tasks;
using ConnectTools.Pacing;
using ConnectTools.Emulator;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class ClientTests
    {
        [Fact]
        public async Task DescribeInstanceReturnsEveryField()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            var expected = h.Instance;
            var instance = await client.DescribeInstanceAsync(expected.Id);
            Assert.Equal(expected.Id, instance.Id);
            Assert.Equal(expected.Id, instance.InstanceId);
            Assert.Equal(h.Emulator.Data.InstanceArn(expected.Id), instance.Arn);
            Assert.Equal(expected.InstanceAlias, instance.InstanceAlias);
            Assert.Equal("ACTIVE", instance.InstanceStatus);
            Assert.Equal(h.Region, instance.Region);
            Assert.NotNull(instance.CreatedTime);
            Assert.Equal(DateTimeKind.Utc, instance.CreatedTime!.Value.Kind);
            Assert.Equal(expected.CreatedTime!.Value.UtcDateTime, instance.CreatedTime.Value, TimeSpan.FromMilliseconds(1));
        }

        [Fact]
        public async Task DescribeUserReturnsEveryField()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            var expected = h.Instance.Users.First(u => u.IdentityInfo?.Email != null && u.PhoneConfig != null);
            var user = await client.DescribeUserAsync(h.Instance.Id, expected.Id);
            Assert.Equal(expected.Id, user.Id);
            Assert.Equal(expected.Id, user.UserId);
            Assert.Equal(h.Instance.Id, user.InstanceId);
            Assert.Equal(h.Region, user.Region);
            Assert.Equal(expected.Username, user.Username);
            Assert.Equal(expected.IdentityInfo!.Email, user.IdentityInfo!.Email);
            Assert.Equal(expected.IdentityInfo.FirstName + " " + expected.IdentityInfo.LastName, user.FullName);
            Assert.Equal(expected.PhoneConfig!.AfterContactWorkTimeLimit, user.PhoneConfig!.AfterContactWorkTimeLimit);
            Assert.Equal(expected.RoutingProfileId, user.RoutingProfileId);
            Assert.Equal(expected.SecurityProfileIds, user.SecurityProfileIds);
            Assert.Equal(expected.LastModifiedTime!.Value.UtcDateTime, user.LastModifiedTime!.Value, TimeSpan.FromMilliseconds(1));
        }

        [Fact]
        public async Task ThePipelineHoldsOnlyTheStagesACallNeeds()
        {
            // Every stage is an async layer on every call and every retry. The SDK's telemetry, client events, endpoint
            // discovery, flexible checksums and request compression serve nothing here; marshalling, the auth scheme,
            // the endpoint, retries (with ConnectTools' attempt handler and credential pins), signing, error parsing,
            // unmarshalling and HTTP stay, in this order.
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            var stages = client.PipelineStages.Select(t => t.Name.Split('`')[0]).ToArray();
            Assert.Equal(new[]
            {
                "CredentialPinHandler", "Marshaller", "ConnectAuthSchemeHandler", "ConnectEndpointResolver", "RetryHandler",
                "AttemptHandler", "CredentialPinHandler", "ConnectSignerStage", "ErrorHandler", "ConnectUnmarshalStage", "ConnectHttpHandler",
            }, stages);
            // And the trimmed pipeline still signs, calls and reads.
            var user = await client.DescribeUserAsync(h.Instance.Id, h.Instance.Users[0].Id);
            Assert.Equal(h.Instance.Users[0].Id, user.Id);
        }
    }
}

namespace ConnectTools.Core.Tests
{
    using System.Collections.Generic;
    using System.Net;
    using System.Threading;
    using ConnectTools.Client;

    public class ClientProtocolTests
    {
        [Fact]
        public async Task ListUsersPagesThroughEveryUserOnce()
        {
            await using var h = await EmulatorHarness.StartAsync(o => o.GeneratedUsers = 230);
            var client = h.Client();
            var seen = new List<string>();
            string? token = null;
            int pages = 0;
            do
            {
                var page = await client.ListUsersAsync(h.Instance.Id, token, 100);
                seen.AddRange(page.Items.Select(u => u.Id!));
                Assert.All(page.Items, u => Assert.NotNull(u.Username));
                token = page.NextToken;
                pages++;
            } while (token != null);
            Assert.Equal(3, pages);
            Assert.Equal(h.Instance.Users.Select(u => u.Id).OrderBy(x => x), seen.OrderBy(x => x));
        }

        [Fact]
        public async Task ListInstancesPages()
        {
            // 12 generated ACTIVE instances, then the emulator's CREATION_IN_PROGRESS and CREATION_FAILED ones.
            await using var h = await EmulatorHarness.StartAsync(o => { o.GeneratedInstances = 12; o.GeneratedUsers = 1; });
            var client = h.Client();
            var first = await client.ListInstancesAsync(null, 10);
            Assert.Equal(10, first.Items.Count);
            Assert.NotNull(first.NextToken);
            var second = await client.ListInstancesAsync(first.NextToken, 10);
            Assert.Equal(4, second.Items.Count);
            Assert.Null(second.NextToken);
            Assert.Equal(new[] { "ACTIVE", "ACTIVE", "CREATION_IN_PROGRESS", "CREATION_FAILED" }, second.Items.Select(i => i.InstanceStatus));
        }

        [Fact]
        public async Task SearchUsersConvertsMillisecondsToSeconds()
        {
            await using var h = await EmulatorHarness.StartAsync(o => o.GeneratedUsers = 40);
            var client = h.Client();
            var withAcw = h.Instance.Users.First(u => u.PhoneConfig?.AfterContactWorkTimeLimit > 0);
            var criteria = new UserSearchCriteria
            {
                StringCondition = new StringCondition { FieldName = "Username", Value = withAcw.Username, ComparisonType = "EXACT" },
            };
            var page = await client.SearchUsersAsync(h.Instance.Id, criteria, null, null, 500);
            var summary = Assert.Single(page.Items);
            Assert.Equal(withAcw.PhoneConfig!.AfterContactWorkTimeLimit, summary.PhoneConfig!.AfterContactWorkTimeLimit);
            var described = await client.DescribeUserAsync(h.Instance.Id, withAcw.Id);
            Assert.Equal(described.PhoneConfig!.AfterContactWorkTimeLimit, summary.PhoneConfig.AfterContactWorkTimeLimit);
            Assert.Equal(h.Instance.Id, summary.InstanceId);
            Assert.Equal(1, page.ApproximateTotalCount);
        }

        [Fact]
        public async Task SearchUsersAcceptsAnInstanceArnAndFilters()
        {
            await using var h = await EmulatorHarness.StartAsync(o => o.GeneratedUsers = 60);
            var client = h.Client();
            string routing = h.Instance.Users[0].RoutingProfileId!;
            var criteria = new UserSearchCriteria
            {
                StringCondition = new StringCondition { FieldName = "RoutingProfileId", Value = routing, ComparisonType = "EXACT" },
            };
            var all = new List<ConnectUserSummary>();
            string? token = null;
            do
            {
                var page = await client.SearchUsersAsync(h.Emulator.Data.InstanceArn(h.Instance.Id), criteria, null, token, 7);
                all.AddRange(page.Items);
                token = page.NextToken;
            } while (token != null);
            Assert.Equal(h.Instance.Users.Count(u => u.RoutingProfileId == routing), all.Count);
            Assert.All(all, u => Assert.Equal(routing, u.RoutingProfileId));
        }

        [Theory]
        [InlineData(ErrorForm.Header)]
        [InlineData(ErrorForm.TypeMember)]
        [InlineData(ErrorForm.CodeMember)]
        public async Task EveryErrorFormMapsToCodeMessageStatusAndRequestId(ErrorForm form)
        {
            await using var h = await EmulatorHarness.StartAsync(o => o.ErrorForm = form);
            var client = h.Client();
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.DescribeUserAsync(h.Instance.Id, "no-such-user"));
            Assert.Equal("ResourceNotFoundException", e.ErrorCode);
            Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
            Assert.True(e.IsNotFound);
            Assert.False(string.IsNullOrEmpty(e.RequestId));
            Assert.False(string.IsNullOrEmpty(e.ServiceMessage));
            Assert.Equal("DescribeUser", e.Operation);
            Assert.Equal("no-such-user", e.ResourceId);
            Assert.Contains("DescribeUser for 'no-such-user' failed with ResourceNotFoundException (HTTP 404)", e.Message);
            Assert.Contains(e.RequestId, e.Message);
        }

        [Fact]
        public async Task InvalidParameterIsMapped()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.ListUsersAsync(h.Instance.Id, "garbled-token", 10));
            Assert.True(e.IsInvalidInput, e.ErrorCode);
            Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
        }

        [Fact]
        public async Task SigV4IsAcceptedAndAWrongSecretIsRejected()
        {
            await using var h = await EmulatorHarness.StartAsync();
            Assert.NotNull(await h.Client().DescribeInstanceAsync(h.Instance.Id));
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => h.Client(secret: "wrong-secret").DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
            Assert.Equal("InvalidSignatureException", e.ErrorCode);
            Assert.True(e.IsAccessDenied);
            var unknown = await Assert.ThrowsAsync<ConnectServiceException>(() => h.Client(accessKey: "AKIDUNKNOWN000000001").DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal("UnrecognizedClientException", unknown.ErrorCode);
            Assert.True(h.Emulator.Stats.TotalSignatureFailures >= 2);
        }

        [Fact]
        public async Task UnsignedRequestsAreRejectedLikeTheService()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => h.Client(anonymous: true).DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
            Assert.Equal("MissingAuthenticationTokenException", e.ErrorCode);
        }

        [Fact]
        public async Task ServerErrorsAreRetriedAndEachAttemptIsReported()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client();
            h.Emulator.Faults.Add(FaultRule.Error(500, "InternalServiceException", "boom", "DescribeInstance") with { Count = 2 });
            var attempts = new List<AttemptEventArgs>();
            client.AttemptCompleted += (_, a) => { lock (attempts) attempts.Add(a); };
            var instance = await client.DescribeInstanceAsync(h.Instance.Id);
            Assert.Equal(h.Instance.Id, instance.Id);
            Assert.Equal(new[] { 500, 500, 200 }, attempts.Select(a => a.StatusCode));
            Assert.Equal(new[] { 1, 2, 3 }, attempts.Select(a => a.Attempt));
        }

        [Fact]
        public async Task FinalErrorNamesOperationIdCodeRequestIdAndAttempts()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client(env: new Dictionary<string, string?> { ["AWS_MAX_ATTEMPTS"] = "2" });
            h.Emulator.Faults.Add(FaultRule.Error(503, "ServiceUnavailableException", "try later", "DescribeInstance"));
            var e = await Assert.ThrowsAsync<ConnectServiceException>(() => client.DescribeInstanceAsync(h.Instance.Id));
            Assert.Equal(2, e.Attempts);
            Assert.Contains("DescribeInstance for '" + h.Instance.Id + "'", e.Message);
            Assert.Contains("ServiceUnavailableException (HTTP 503)", e.Message);
            Assert.Contains("Attempts: 2", e.Message);
            Assert.Contains("Request id: " + e.RequestId, e.Message);
        }

        [Fact]
        public async Task UnknownMembersAreIgnored()
        {
            await using var h = await EmulatorHarness.StartAsync(o => o.IncludeUnknownMembers = true);
            var client = h.Client();
            var user = await client.DescribeUserAsync(h.Instance.Id, h.Instance.Users[0].Id);
            Assert.Equal(h.Instance.Users[0].Username, user.Username);
        }
    }
}
