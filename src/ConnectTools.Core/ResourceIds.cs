namespace ConnectTools
{
    /// <summary>Parses and checks the identifiers users give, before any call, with messages that name the input and the fix.</summary>
    public static class ResourceIds
    {
        public static InstanceRef ParseInstance(string? value, string parameterName = "InstanceId") => ParseInstance(value, parameterName, allowUserArn: false);

        /// <summary>
        /// An instance id or instance ARN; with <paramref name="allowUserArn"/> a user ARN too (its
        /// <see cref="InstanceRef.Arn"/> is then of kind User, and InstanceId is the user's instance).
        /// </summary>
        public static InstanceRef ParseInstance(string? value, string parameterName, bool allowUserArn)
        {
            string text = CheckNotBlank(value, parameterName, "an instance id or instance ARN");
            if (ConnectArn.LooksLikeArn(text))
            {
                var arn = ConnectArn.Parse(text, parameterName);
                if (arn.Kind == ConnectArnKind.User && !allowUserArn) throw UserArnAsInstance(text, parameterName);
                return new InstanceRef(text, arn.InstanceId, arn);
            }
            CheckId(text, parameterName, "instance id", "an instance id such as 40c83b68-ea62-414c-97bb-d018e39e158e, or an instance ARN");
            return new InstanceRef(text, text, null);
        }

        public static UserRef ParseUser(string? value, string parameterName = "UserId")
        {
            string text = CheckNotBlank(value, parameterName, "a user id or user ARN");
            if (ConnectArn.LooksLikeArn(text))
            {
                var arn = ConnectArn.Parse(text, parameterName);
                if (arn.Kind != ConnectArnKind.User)
                    throw new ConnectInputException(parameterName,
                        $"'{InputText.Show(text)}' is the ARN of an instance, not of a user. Give a user id or a user ARN (…:instance/<id>/agent/<user-id>) to -{parameterName}.");
                return new UserRef(text, arn.UserId!, arn);
            }
            CheckId(text, parameterName, "user id", "a user id such as 0c245dc0-0cf5-4e37-800e-2a7481cc8a60, or a user ARN");
            return new UserRef(text, text, null);
        }

        /// <summary>
        /// The instance a user call goes to: from -InstanceId, or from the user's ARN; both must agree.
        /// </summary>
        public static string InstanceForUser(InstanceRef? instance, UserRef user) =>
            InstanceForUser(instance?.Text, instance?.InstanceId, instance?.Arn, user.Text, user.Arn);

        /// <summary>
        /// The same, from what was parsed before: the instance as given (<paramref name="instanceText"/>, its id and
        /// ARN; all null when none was given) and the user (the text given and its ARN, null for a plain id).
        /// </summary>
        public static string InstanceForUser(string? instanceText, string? instanceId, ConnectArn? instanceArn, string userText, ConnectArn? userArn)
        {
            if (userArn != null)
            {
                if (instanceId != null && instanceId != userArn.InstanceId)
                    throw new ConnectInputException("InstanceId",
                        $"The user ARN '{InputText.Show(userText)}' belongs to instance '{userArn.InstanceId}', but -InstanceId is '{InputText.Show(instanceText)}'. Drop -InstanceId or make them agree.");
                if (instanceArn != null && instanceArn.Region != userArn.Region)
                    throw new ConnectInputException("InstanceId",
                        $"The user ARN '{InputText.Show(userText)}' is in {userArn.Region}, but the instance ARN '{InputText.Show(instanceText)}' is in {instanceArn.Region}.");
                return userArn.InstanceId;
            }
            if (instanceId == null)
                throw new ConnectInputException("InstanceId",
                    $"-InstanceId is needed for the user id '{InputText.Show(userText)}'. Give -InstanceId, pipe instances from Get-ConnectInstance, or give the user's ARN.");
            return instanceId;
        }

        /// <summary>The one error for a user ARN where an instance is needed.</summary>
        public static ConnectInputException UserArnAsInstance(string text, string parameterName = "InstanceId") =>
            new ConnectInputException(parameterName,
                $"'{InputText.Show(text)}' is the ARN of a user, not of an instance. Give it to -UserId (Get-ConnectUser), or give the instance ARN or id to -{parameterName}.");

        /// <summary>
        /// The region an ARN implies, checked against an explicit -Region: null when there is no ARN; an error when they differ.
        /// </summary>
        public static string? RegionFromArn(ConnectArn? arn, string? explicitRegion, string arnParameter)
        {
            if (arn == null) return null;
            if (!string.IsNullOrEmpty(explicitRegion) && explicitRegion!.Trim() != arn.Region)
                throw new ConnectInputException("Region",
                    $"-Region is '{InputText.Show(explicitRegion)}' but the ARN given to -{arnParameter} is in '{arn.Region}'. Drop -Region (the ARN's Region is used) or give an id instead of the ARN.");
            return arn.Region;
        }

        private static string CheckNotBlank(string? value, string parameterName, string what)
        {
            if (value == null || value.Length == 0)
                throw new ConnectInputException(parameterName, $"-{parameterName} is empty. Give {what}.");
            if (string.IsNullOrWhiteSpace(value))
                throw new ConnectInputException(parameterName, $"-{parameterName} is only white space. Give {what}.");
            return value;
        }

        private static void CheckId(string text, string parameterName, string noun, string expected)
        {
            if (text.Length > InputText.MaxIdLength)
                throw new ConnectInputException(parameterName,
                    $"The {noun} '{InputText.Show(text, 40)}' is {text.Length} characters long; Connect ids have at most {InputText.MaxIdLength}. Give {expected}.");
            int bad = InputText.FirstInvalidIdChar(text);
            if (bad >= 0)
                throw new ConnectInputException(parameterName,
                    $"The {noun} '{InputText.Show(text)}' holds {InputText.DescribeChar(text, bad)}, which no Connect id has. Give {expected}.");
        }
    }
}
