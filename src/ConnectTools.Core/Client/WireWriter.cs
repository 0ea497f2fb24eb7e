using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace ConnectTools.Client
{
    /// <summary>
    /// Writes the one request body there is (SearchUsers) with <see cref="Utf8JsonWriter"/>, as the serializer wrote it
    /// before: members in declaration order, PascalCase, a null member left out (a null element of a list written as
    /// null), strings escaped by the default encoder. Plain non-generic code, precompiled like <see cref="WireReader"/>.
    /// </summary>
    internal static class WireWriter
    {
        internal static byte[] SearchUsers(SearchUsersBody body)
        {
            using var stream = new MemoryStream(256);
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                String(writer, "InstanceId"u8, body.InstanceId);
                if (body.MaxResults is int max) writer.WriteNumber("MaxResults"u8, max);
                String(writer, "NextToken"u8, body.NextToken);
                if (body.SearchFilter != null)
                {
                    writer.WritePropertyName("SearchFilter"u8);
                    Filter(writer, body.SearchFilter);
                }
                if (body.SearchCriteria != null)
                {
                    writer.WritePropertyName("SearchCriteria"u8);
                    Criteria(writer, body.SearchCriteria);
                }
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }

        private static void Criteria(Utf8JsonWriter writer, UserSearchCriteria? criteria)
        {
            if (criteria == null)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartObject();
            if (criteria.OrConditions != null)
            {
                writer.WriteStartArray("OrConditions"u8);
                foreach (var c in criteria.OrConditions) Criteria(writer, c);
                writer.WriteEndArray();
            }
            if (criteria.AndConditions != null)
            {
                writer.WriteStartArray("AndConditions"u8);
                foreach (var c in criteria.AndConditions) Criteria(writer, c);
                writer.WriteEndArray();
            }
            if (criteria.StringCondition is StringCondition s)
            {
                writer.WriteStartObject("StringCondition"u8);
                String(writer, "FieldName"u8, s.FieldName);
                String(writer, "Value"u8, s.Value);
                String(writer, "ComparisonType"u8, s.ComparisonType);
                writer.WriteEndObject();
            }
            HierarchyGroup(writer, criteria.HierarchyGroupCondition);
            writer.WriteEndObject();
        }

        private static void Filter(Utf8JsonWriter writer, UserSearchFilter filter)
        {
            writer.WriteStartObject();
            if (filter.TagFilter is ControlPlaneTagFilter tags)
            {
                writer.WriteStartObject("TagFilter"u8);
                if (tags.OrConditions != null)
                {
                    writer.WriteStartArray("OrConditions"u8);
                    foreach (var and in tags.OrConditions) TagConditions(writer, and);
                    writer.WriteEndArray();
                }
                if (tags.AndConditions != null)
                {
                    writer.WritePropertyName("AndConditions"u8);
                    TagConditions(writer, tags.AndConditions);
                }
                if (tags.TagCondition != null)
                {
                    writer.WritePropertyName("TagCondition"u8);
                    Tag(writer, tags.TagCondition);
                }
                writer.WriteEndObject();
            }
            if (filter.UserAttributeFilter is ControlPlaneUserAttributeFilter attributes)
            {
                writer.WriteStartObject("UserAttributeFilter"u8);
                if (attributes.OrConditions != null)
                {
                    writer.WriteStartArray("OrConditions"u8);
                    foreach (var and in attributes.OrConditions) AttributeAnd(writer, and);
                    writer.WriteEndArray();
                }
                if (attributes.AndCondition != null)
                {
                    writer.WritePropertyName("AndCondition"u8);
                    AttributeAnd(writer, attributes.AndCondition);
                }
                if (attributes.TagCondition != null)
                {
                    writer.WritePropertyName("TagCondition"u8);
                    Tag(writer, attributes.TagCondition);
                }
                HierarchyGroup(writer, attributes.HierarchyGroupCondition);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }

        private static void AttributeAnd(Utf8JsonWriter writer, AttributeAndCondition? and)
        {
            if (and == null)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartObject();
            if (and.TagConditions != null)
            {
                writer.WritePropertyName("TagConditions"u8);
                TagConditions(writer, and.TagConditions);
            }
            HierarchyGroup(writer, and.HierarchyGroupCondition);
            writer.WriteEndObject();
        }

        /// <summary>A list of tag conditions (or null, as an element of a list of lists).</summary>
        private static void TagConditions(Utf8JsonWriter writer, List<TagCondition>? conditions)
        {
            if (conditions == null)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartArray();
            foreach (var c in conditions) Tag(writer, c);
            writer.WriteEndArray();
        }

        private static void Tag(Utf8JsonWriter writer, TagCondition? tag)
        {
            if (tag == null)
            {
                writer.WriteNullValue();
                return;
            }
            writer.WriteStartObject();
            String(writer, "TagKey"u8, tag.TagKey);
            String(writer, "TagValue"u8, tag.TagValue);
            writer.WriteEndObject();
        }

        private static void HierarchyGroup(Utf8JsonWriter writer, HierarchyGroupCondition? group)
        {
            if (group == null) return;
            writer.WriteStartObject("HierarchyGroupCondition"u8);
            String(writer, "Value"u8, group.Value);
            String(writer, "HierarchyGroupMatchType"u8, group.HierarchyGroupMatchType);
            writer.WriteEndObject();
        }

        private static void String(Utf8JsonWriter writer, ReadOnlySpan<byte> member, string? value)
        {
            if (value != null) writer.WriteString(member, value);
        }
    }
}
