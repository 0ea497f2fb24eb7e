using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using ConnectTools.Client;
using ConnectTools.Enumeration;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>The SearchUsers request body as <see cref="WireWriter"/> writes it: byte for byte what the serializer wrote.</summary>
    public class WireWriterTests
    {
        private static void Same(SearchUsersBody body) =>
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(body, WireOracle.Options)), Encoding.UTF8.GetString(WireWriter.SearchUsers(body)));

        [Fact]
        public void EveryMemberIsWritten()
        {
            // Every member set (found by reflection, so a member added without a writer line fails), nested criteria down
            // to null ones, strings that need escaping.
            var body = (SearchUsersBody)WireOracle.Populated(typeof(SearchUsersBody));
            Assert.Contains("null", Encoding.UTF8.GetString(WireWriter.SearchUsers(body)));
            Same(body);
        }

        [Fact]
        public void NullMembersAreLeftOutAndNullElementsWritten()
        {
            Same(new SearchUsersBody());
            Same(new SearchUsersBody { InstanceId = "i", MaxResults = 0 });
            Same(new SearchUsersBody
            {
                SearchCriteria = new UserSearchCriteria { OrConditions = new List<UserSearchCriteria> { null!, new UserSearchCriteria() }, AndConditions = new List<UserSearchCriteria>() },
                SearchFilter = new UserSearchFilter
                {
                    TagFilter = new ControlPlaneTagFilter { OrConditions = new List<List<TagCondition>> { null!, new List<TagCondition> { null!, new TagCondition() } } },
                    UserAttributeFilter = new ControlPlaneUserAttributeFilter { OrConditions = new List<AttributeAndCondition> { null!, new AttributeAndCondition() } },
                },
            });
            Same(new SearchUsersBody { SearchFilter = new UserSearchFilter() });
        }

        [Fact]
        public void WhatThePlannerAsksForIsWrittenAsBefore()
        {
            var filters = new List<UserFilter> { new UserFilter() };
            var f = new UserFilter();
            f.Username.Add("jane*");
            f.FirstName.Add("Zoë \"Z\" <b>");
            f.RoutingProfileId.Add("rp-1");
            f.RoutingProfileId.Add("rp-2");
            f.SecurityProfileId.Add("sp");
            f.HierarchyGroupId.Add("hg");
            filters.Add(f);
            f = new UserFilter();
            f.Tags["Department"] = "Sales & Support";
            f.Tags["Site"] = "Lyon";
            f.LastName.Add("*son");
            filters.Add(f);
            foreach (var filter in filters)
            {
                var plan = UserSearchPlanner.Plan(filter);
                Same(new SearchUsersBody { InstanceId = "inst", MaxResults = 500, NextToken = "t/+=", SearchCriteria = plan.Criteria, SearchFilter = plan.Filter });
            }
        }
    }
}
