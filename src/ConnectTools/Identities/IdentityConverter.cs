using System;
using System.Collections;
using System.Management.Automation;

namespace ConnectTools
{
    /// <summary>
    /// Converts what PowerShell binds to the identity types. A piped object that carries a UserId is refused as an
    /// instance identity, so that Get-ConnectUser binds it by property name to its ById parameter set instead.
    /// </summary>
    public sealed class IdentityConverter : PSTypeConverter
    {
        public override bool CanConvertFrom(object sourceValue, Type destinationType) => Convert(sourceValue, destinationType) != null;

        public override object ConvertFrom(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            Convert(sourceValue, destinationType) ??
            throw new PSInvalidCastException($"Cannot use a {Describe(sourceValue)} as {(destinationType == typeof(ConnectUserIdentity) ? "a user" : "an instance")}: give an id, an ARN or an object with the id.");

        public override bool CanConvertTo(object sourceValue, Type destinationType) => false;

        public override object ConvertTo(object sourceValue, Type destinationType, IFormatProvider formatProvider, bool ignoreCase) =>
            throw new PSInvalidCastException();

        private static object? Convert(object? value, Type destination)
        {
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            if (destination == typeof(ConnectInstanceIdentity))
            {
                switch (value)
                {
                    case ConnectInstanceIdentity same: return same;
                    case string s: return new ConnectInstanceIdentity(s);
                    case ConnectInstance instance: return new ConnectInstanceIdentity(instance);
                    case ConnectUserBase _: return null; // bound by property name instead (Get-ConnectUser's ById set)
                    case PSObject row:
                        if (HasValue(row, "UserId")) return null;
                        string? id = Property(row, "InstanceId");
                        if (string.IsNullOrEmpty(id)) return null;
                        return new ConnectInstanceIdentity(id!, Property(row, "Arn"), Property(row, "Region"), "the piped object");
                    case IDictionary _:
                        return null;
                    default: return null;
                }
            }
            if (destination == typeof(ConnectUserIdentity))
            {
                switch (value)
                {
                    case ConnectUserIdentity same: return same;
                    case string s: return new ConnectUserIdentity(s);
                    case ConnectUserBase user: return new ConnectUserIdentity(user);
                    default: return null;
                }
            }
            return null;
        }

        private static bool HasValue(PSObject row, string name) => !string.IsNullOrEmpty(Property(row, name));

        private static string? Property(PSObject row, string name)
        {
            var value = row.Properties[name]?.Value;
            if (value is PSObject p) value = p.BaseObject;
            return value?.ToString();
        }

        private static string Describe(object? value) =>
            value is PSObject p ? (p.BaseObject is PSCustomObject ? "object without an InstanceId" : p.BaseObject.GetType().Name) : value?.GetType().Name ?? "null";
    }
}
