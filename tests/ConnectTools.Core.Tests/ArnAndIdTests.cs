using System;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class ArnAndIdTests
    {
        private const string InstanceArn = "arn:aws:connect:us-west-2:123456789012:instance/40c83b68-ea62-414c-97bb-d018e39e158e";

        [Fact]
        public void InstanceArnGivesIdRegionPartitionAccount()
        {
            var arn = ConnectArn.Parse(InstanceArn);
            Assert.Equal(ConnectArnKind.Instance, arn.Kind);
            Assert.Equal("40c83b68-ea62-414c-97bb-d018e39e158e", arn.InstanceId);
            Assert.Equal("us-west-2", arn.Region);
            Assert.Equal("aws", arn.Partition);
            Assert.Equal("123456789012", arn.AccountId);
            Assert.Null(arn.UserId);
        }

        [Fact]
        public void UserArnGivesInstanceAndUser()
        {
            var arn = ConnectArn.Parse(InstanceArn + "/agent/0c245dc0-0cf5-4e37-800e-2a7481cc8a60");
            Assert.Equal(ConnectArnKind.User, arn.Kind);
            Assert.Equal("40c83b68-ea62-414c-97bb-d018e39e158e", arn.InstanceId);
            Assert.Equal("0c245dc0-0cf5-4e37-800e-2a7481cc8a60", arn.UserId);
        }

        [Fact]
        public void GovCloudAndChinaPartitionsParse()
        {
            Assert.Equal("aws-us-gov", ConnectArn.Parse("arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/abc").Partition);
            Assert.Equal("cn-north-1", ConnectArn.Parse("arn:aws-cn:connect:cn-north-1:123456789012:instance/abc").Region);
        }

        [Theory]
        [InlineData("arn:aws:s3:::my-bucket", "service 's3'")]
        [InlineData("arn:aws:connect:us-west-2:123456789012:instance/abc/queue/def", "Connect queue")]
        [InlineData("arn:aws:connect:us-west-2:123456789012:agent/abc", "not the ARN of a Connect instance")]
        [InlineData("arn:aws:connect:us-west-2:12345:instance/abc", "12-digit account")]
        [InlineData("arn:aws:connect:uswest2:123456789012:instance/abc", "no valid region")]
        [InlineData("arn:aws:connect:us-west-2", "six ':'-separated parts")]
        [InlineData("arn:moon:connect:us-west-2:123456789012:instance/abc", "not an AWS partition")]
        [InlineData("arn:aws:connect:us-west-2:123456789012:instance/", "not the ARN of a Connect instance")]
        public void MalformedArnsAreClearErrors(string text, string expected)
        {
            var e = Assert.Throws<ConnectInputException>(() => ConnectArn.Parse(text));
            Assert.Contains(expected, e.Message);
            Assert.Contains("InstanceId", e.Message);
            Assert.False(ConnectArn.TryParse(text, out _));
        }

        [Fact]
        public void PlainIdIsNotAnArn()
        {
            Assert.False(ConnectArn.TryParse("40c83b68-ea62-414c-97bb-d018e39e158e", out _));
            var e = Assert.Throws<ConnectInputException>(() => ConnectArn.Parse("40c83b68"));
            Assert.Contains("is not an ARN", e.Message);
        }

        [Theory]
        [InlineData("", "is empty")]
        [InlineData("   ", "only white space")]
        [InlineData("abc/def", "'/' at position 4")]
        [InlineData("abc\u0001def", "control character")]
        public void BadInstanceIdsAreRefused(string id, string expected)
        {
            var e = Assert.Throws<ConnectInputException>(() => ResourceIds.ParseInstance(id));
            Assert.Contains(expected, e.Message);
            Assert.Equal("InstanceId", e.ParamName);
        }

        [Fact]
        public void IdsLongerThan100AreRefused()
        {
            var e = Assert.Throws<ConnectInputException>(() => ResourceIds.ParseUser(new string('a', 101)));
            Assert.Contains("101 characters", e.Message);
            Assert.Equal(new string('a', 100), ResourceIds.ParseUser(new string('a', 100)).UserId);
        }

        [Fact]
        public void UserArnGivenAsInstanceIsRefusedWithTheFix()
        {
            var e = Assert.Throws<ConnectInputException>(() => ResourceIds.ParseInstance(InstanceArn + "/agent/u1"));
            Assert.Contains("Give it to -UserId", e.Message);
        }

        [Fact]
        public void AgentArnMustAgreeWithInstanceId()
        {
            var user = ResourceIds.ParseUser(InstanceArn + "/agent/u1");
            Assert.Equal("40c83b68-ea62-414c-97bb-d018e39e158e", ResourceIds.InstanceForUser(null, user));
            Assert.Equal("40c83b68-ea62-414c-97bb-d018e39e158e", ResourceIds.InstanceForUser(ResourceIds.ParseInstance("40c83b68-ea62-414c-97bb-d018e39e158e"), user));
            var e = Assert.Throws<ConnectInputException>(() => ResourceIds.InstanceForUser(ResourceIds.ParseInstance("other-instance"), user));
            Assert.Contains("belongs to instance", e.Message);
        }

        [Fact]
        public void UserIdWithoutInstanceIsRefused()
        {
            var e = Assert.Throws<ConnectInputException>(() => ResourceIds.InstanceForUser(null, ResourceIds.ParseUser("u1")));
            Assert.Contains("-InstanceId is needed", e.Message);
        }

        [Fact]
        public void ArnRegionConflictingWithRegionIsAnError()
        {
            var arn = ConnectArn.Parse(InstanceArn);
            Assert.Equal("us-west-2", ResourceIds.RegionFromArn(arn, null, "InstanceId"));
            Assert.Equal("us-west-2", ResourceIds.RegionFromArn(arn, "us-west-2", "InstanceId"));
            var e = Assert.Throws<ConnectInputException>(() => ResourceIds.RegionFromArn(arn, "eu-west-1", "InstanceId"));
            Assert.Contains("'us-west-2'", e.Message);
            Assert.Equal("Region", e.ParamName);
        }
    }
}
