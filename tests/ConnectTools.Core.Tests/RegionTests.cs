using System.Linq;
using Xunit;

namespace ConnectTools.Core.Tests
{
    public class RegionTests
    {
        [Fact]
        public void EveryConnectRegionIsInTheSdkList()
        {
            foreach (var name in ConnectRegions.ConnectRegionNames)
            {
                var info = ConnectRegions.Find(name);
                Assert.True(info != null, name + " is not in the SDK's Region list");
                Assert.True(info!.ConnectOffered);
            }
        }

        [Fact]
        public void AConnectRegionIsAcceptedAndPartitionedAsTheSdkListWouldWithoutIt()
        {
            // The shortcut that spares the first call loading the SDK's list gives what the list gives.
            foreach (var name in ConnectRegions.ConnectRegionNames)
            {
                Assert.Equal(ConnectRegions.Find(name)!.Partition, ConnectRegions.PartitionOfKnown(name));
                Assert.Equal(name, ConnectRegions.Check(name, "Region", "-Region"));
            }
            Assert.Equal("aws", ConnectRegions.PartitionOfKnown("eu-west-1")); // known to the SDK, no Connect
            Assert.Null(ConnectRegions.PartitionOfKnown("us-east-7"));
            Assert.Null(ConnectRegions.PartitionOfKnown("US-EAST-1"));
            var e = Assert.Throws<ConnectInputException>(() => ConnectRegions.Check("US-WEST-2", "Region", "-Region"));
            Assert.Contains("Did you mean 'us-west-2'", e.Message);
        }

        [Fact]
        public void ConnectRegionsOfAPartition()
        {
            var aws = ConnectRegions.ConnectRegionsOf("aws");
            Assert.Contains("us-east-1", aws);
            Assert.Contains("us-west-2", aws);
            Assert.DoesNotContain("us-gov-west-1", aws);
            Assert.DoesNotContain("eu-west-1", aws); // a Region without Amazon Connect
            Assert.Equal(new[] { "us-gov-west-1" }, ConnectRegions.ConnectRegionsOf("aws-us-gov"));
            Assert.Empty(ConnectRegions.ConnectRegionsOf("aws-cn"));
        }

        [Theory]
        [InlineData("us-eest-1", "us-east-1")]
        [InlineData("eu-wset-2", "eu-west-2")]
        [InlineData("ap-southeast2", "ap-southeast-2")]
        public void TyposGetADidYouMean(string typo, string meant)
        {
            var e = Assert.Throws<ConnectInputException>(() => ConnectRegions.Check(typo, "Region", "-Region"));
            Assert.Contains("Did you mean '" + meant + "'", e.Reason);
            Assert.Contains("AWSSDK.Core", e.Reason); // says where the list comes from
            Assert.Equal("Region", e.ParamName);
        }

        [Fact]
        public void UpperCaseSaysRegionNamesAreLowerCase()
        {
            var e = Assert.Throws<ConnectInputException>(() => ConnectRegions.Check("US-EAST-1", "Region", "-Region"));
            Assert.Contains("lower case. Did you mean 'us-east-1'?", e.Reason);
        }

        [Theory]
        [InlineData("", "is empty")]
        [InlineData("  ", "is only white space")]
        [InlineData("mars-north-1", "not an AWS Region name known to ConnectTools")]
        public void EmptyBlankAndUnknown(string value, string expected)
        {
            var e = Assert.Throws<ConnectInputException>(() => ConnectRegions.Check(value, "Region", "-Region"));
            Assert.Contains(expected, e.Reason);
        }

        [Fact]
        public void KnownNamesPassTrimmed() => Assert.Equal("eu-west-2", ConnectRegions.Check(" eu-west-2 ", "Region", "-Region"));

        [Theory]
        [InlineData("arn:aws-cn:connect:us-east-1:123456789012:instance/i1", "partition 'aws-cn', but the Region us-east-1 is in the partition 'aws'")]
        [InlineData("arn:aws:connect:cn-north-1:123456789012:instance/i1", "partition 'aws', but the Region cn-north-1 is in the partition 'aws-cn'")]
        [InlineData("arn:aws:connect:us-gov-west-1:123456789012:instance/i1", "partition 'aws', but the Region us-gov-west-1 is in the partition 'aws-us-gov'")]
        [InlineData("arn:aws:connect:us-eest-1:123456789012:instance/i1", "names the Region 'us-eest-1'")]
        public void ArnPartitionMustMatchItsRegion(string arn, string expected)
        {
            var e = Assert.Throws<ConnectInputException>(() => ConnectArn.Parse(arn));
            Assert.Contains(expected, e.Reason);
        }

        [Fact]
        public void ArnsOfOtherPartitionsParse()
        {
            Assert.Equal("aws-us-gov", ConnectArn.Parse("arn:aws-us-gov:connect:us-gov-west-1:123456789012:instance/i1").Partition);
            Assert.Equal("aws-cn", ConnectArn.Parse("arn:aws-cn:connect:cn-north-1:123456789012:instance/i1").Partition);
        }

        [Fact]
        public void SuggestionsAreFewAndClose()
        {
            Assert.Empty(ConnectRegions.Suggest("completely-wrong-99"));
            Assert.True(ConnectRegions.Suggest("us-east-3").Count <= 2);
        }
    }
}
