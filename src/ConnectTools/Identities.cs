using System;
using System.Collections;
using System.Management.Automation;

namespace ConnectTools
{
    /// <summary>
    /// What -InstanceId takes: an instance id, an instance ARN, a user ARN (Get-ConnectUser describes that user), a
    /// ConnectInstance, or a row (Import-Csv, ConvertFrom-Json) with InstanceId and optional Region/Arn. Parsed once,
    /// when PowerShell binds the value; unusable text is kept with its error, which the cmdlet writes for that value
    /// alone (one error per bad value, the others go on).
    /// </summary>
    [System.ComponentModel.TypeConverter(typeof(IdentityConverter))]
    public sealed class ConnectInstanceIdentity
    {
        /// <summary>Parses an instance id, instance ARN or user ARN.</summary>
        public ConnectInstanceIdentity(string value)
        {
            Text = value ?? "";
            try
            {
                if (ConnectArn.LooksLikeArn(value) && ConnectArn.TryParse(value, out var arn) && arn!.Kind == ConnectArnKind.User)
                {
                    // A user ARN: Get-ConnectUser describes the user; Get-ConnectInstance refuses it (see RequireInstance).
                    Arn = arn;
                    InstanceId = arn.InstanceId;
                }
                else
                {
                    var parsed = ResourceIds.ParseInstance(value, "InstanceId");
                    Arn = parsed.Arn;
                    InstanceId = parsed.InstanceId;
                }
                Region = Arn?.Region;
                RegionSource = Arn == null ? null : "the ARN given to -InstanceId";
            }
            catch (ConnectInputException e)
            {
                Error = e;
            }
        }

        /// <summary>A ConnectInstance: its id, ARN and Region.</summary>
        public ConnectInstanceIdentity(ConnectInstance instance)
            : this(instance?.Arn ?? instance?.Id ?? "")
        {
            if (instance == null || Error != null) return;
            Text = instance.Id ?? Text;
            if (Region == null && !string.IsNullOrEmpty(instance.Region))
            {
                Region = instance.Region;
                RegionSource = "the Region property of the piped instance";
            }
            else if (Arn != null) RegionSource = "the Arn of the piped instance";
        }

        internal ConnectInstanceIdentity(string id, string? arn, string? region, string what)
            : this(!string.IsNullOrEmpty(arn) && ConnectArn.TryParse(arn, out var a) && a!.Kind == ConnectArnKind.Instance && (a.InstanceId == id || string.IsNullOrEmpty(id)) ? arn! : id)
        {
            if (Error != null) return;
            Text = string.IsNullOrEmpty(id) ? Text : id;
            if (Arn != null) RegionSource = "the Arn of " + what;
            else if (!string.IsNullOrWhiteSpace(region))
            {
                Region = region!.Trim();
                RegionSource = "the Region of " + what;
            }
        }

        /// <summary>What was given (the id, or the ARN).</summary>
        public string Text { get; private set; }
        public string? InstanceId { get; }

        /// <summary>The instance ARN, or a user ARN (<see cref="IsUserArn"/>).</summary>
        public ConnectArn? Arn { get; }

        /// <summary>The Region the value carries (from its ARN, or the Region of the piped object), or null.</summary>
        public string? Region { get; private set; }

        /// <summary>Where <see cref="Region"/> came from, for -Verbose.</summary>
        public string? RegionSource { get; private set; }

        /// <summary>Why the value cannot be used, or null.</summary>
        public ConnectInputException? Error { get; }

        public bool IsUserArn => Arn != null && Arn.Kind == ConnectArnKind.User;

        /// <summary>Throws the value's input error, if any.</summary>
        public void ThrowIfInvalid()
        {
            if (Error != null) throw Error;
        }

        /// <summary>Throws unless the value names an instance (not a user ARN).</summary>
        public void RequireInstance()
        {
            ThrowIfInvalid();
            if (IsUserArn)
                throw new ConnectInputException("InstanceId",
                    $"'{InputText.Show(Text)}' is the ARN of a user, not of an instance. Give it to Get-ConnectUser, or give the instance ARN or id to -InstanceId.");
        }

        public override string ToString() => Text;
    }

    /// <summary>
    /// What -UserId takes: a user id, a user ARN, or a ConnectUser / ConnectUserSummary (its id, instance, ARN and
    /// Region). Parsed once, like <see cref="ConnectInstanceIdentity"/>.
    /// </summary>
    [System.ComponentModel.TypeConverter(typeof(IdentityConverter))]
    public sealed class ConnectUserIdentity
    {
        public ConnectUserIdentity(string value)
        {
            Text = value ?? "";
            try
            {
                var parsed = ResourceIds.ParseUser(value, "UserId");
                Arn = parsed.Arn;
                UserId = parsed.UserId;
                InstanceId = parsed.Arn?.InstanceId;
                Region = parsed.Arn?.Region;
                RegionSource = Arn == null ? null : "the ARN given to -UserId";
            }
            catch (ConnectInputException e)
            {
                Error = e;
            }
        }

        public ConnectUserIdentity(ConnectUserBase user)
            : this(user?.Arn ?? user?.Id ?? "")
        {
            if (user == null || Error != null) return;
            Text = user.Id ?? Text;
            InstanceId ??= user.InstanceId;
            if (Region == null && !string.IsNullOrEmpty(user.Region))
            {
                Region = user.Region;
                RegionSource = "the Region property of the user";
            }
            else if (Arn != null) RegionSource = "the Arn of the user";
        }

        public string Text { get; private set; }
        public string? UserId { get; }

        /// <summary>The instance the value names (from its ARN, or the user object), or null.</summary>
        public string? InstanceId { get; private set; }
        public ConnectArn? Arn { get; }
        public string? Region { get; private set; }
        public string? RegionSource { get; private set; }
        public ConnectInputException? Error { get; }

        public void ThrowIfInvalid()
        {
            if (Error != null) throw Error;
        }

        public override string ToString() => Text;
    }

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
