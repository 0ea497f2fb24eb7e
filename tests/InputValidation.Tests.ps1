# Unusable input is refused before any network call, with an error id, a message that names the input, and no
# request at the emulator.

BeforeDiscovery {
    $script:InstanceGuid = '5fd8a96d-7db1-4a6c-b4ff-6a4e56b62894'
    $script:Cases = @(
        # The identity parameters are typed (ConnectInstanceIdentity, ConnectUserIdentity): an empty value is parsed
        # once and refused by the cmdlet with its own message, for that value alone.
        @{ Name = 'empty -InstanceId (Get-ConnectUser ById)'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-InstanceId is empty\. Give an instance id or instance ARN'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId '' -UserId 'u1' -EndpointUrl $Url } }
        @{ Name = 'empty -InstanceId (Get-ConnectInstance)'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = '-InstanceId is empty\. Give an instance id or instance ARN'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -InstanceId '' -EndpointUrl $Url } }
        @{ Name = 'empty -UserId'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-UserId is empty\. Give a user id or user ARN'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -UserId '' -EndpointUrl $Url } }
        @{ Name = 'empty -InstanceId piped by property name'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-InstanceId is empty'
            Run = { param($Url, $Inst, $Dir) [pscustomobject]@{ InstanceId = ''; UserId = 'u1' } | Get-ConnectUser -EndpointUrl $Url } }
        @{ Name = "-Region ''"; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = '-Region is empty\. Give a Region name'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -Region '' -EndpointUrl $Url } }
        @{ Name = '-Region of white space'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-Region is only white space'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -Region ' ' -EndpointUrl $Url } }
        @{ Name = 'a misspelt Region: did you mean'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "'us-eest-1' \(from -Region\) is not an AWS Region name known to ConnectTools \(the Region list of AWSSDK\.Core [0-9.]+ .*\)\. Did you mean 'us-east-1'"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -Region 'us-eest-1' -EndpointUrl $Url } }
        @{ Name = 'a Region in upper case'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "Region names are lower case\. Did you mean 'us-west-2'"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -Region 'US-WEST-2' -EndpointUrl $Url } }
        @{ Name = 'an ARN of the wrong partition for its Region'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "names the partition 'aws-cn', but the Region us-east-1 is in the partition 'aws'"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance ($Inst.Arn -replace '^arn:aws:', 'arn:aws-cn:') -EndpointUrl $Url } }
        @{ Name = 'a user ARN of the wrong partition'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = "names the partition 'aws-us-gov', but the Region us-east-1"
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -UserId ($Inst.Users[0].Arn -replace '^arn:aws:', 'arn:aws-us-gov:') -EndpointUrl $Url } }
        @{ Name = 'an ARN with a misspelt Region'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = "names the Region 'us-weast-2'.*Did you mean .*'us-west-2'"
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser ($Inst.Arn -replace ':us-east-1:', ':us-weast-2:') -EndpointUrl $Url } }
        @{ Name = 'a piped Region that is misspelt'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = "'eu-wset-2' \(from the Region property of the piped object\).*Did you mean 'eu-west-2'"
            Run = { param($Url, $Inst, $Dir) [pscustomobject]@{ InstanceId = $Inst.Id; UserId = $Inst.Users[0].Id; Region = 'eu-wset-2' } | Get-ConnectUser -EndpointUrl $Url } }
        @{ Name = 'several Regions where one is needed'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-Region names several Regions \(or \*\), which only Get-ConnectInstance without -InstanceId takes'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -Region us-east-1, us-west-2 -EndpointUrl $Url } }
        @{ Name = 'a PSCredential without a password'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = 'PSCredential given to -Credential has an empty password'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -Credential ([pscredential]::new('AKIDEMULATOR00000001', [securestring]::new())) -EndpointUrl $Url } }
        @{ Name = 'a user ARN with filters at position 0'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = 'is the ARN of a user; filters and -Summary apply to listing'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser $Inst.Users[0].Arn -Summary -EndpointUrl $Url } }
        @{ Name = 'white-space -InstanceId'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = '-InstanceId is only white space'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -InstanceId '   ' -EndpointUrl $Url } }
        @{ Name = 'white-space -InstanceId (Get-ConnectUser List)'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-InstanceId is only white space'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId "`t " -EndpointUrl $Url } }
        @{ Name = 'an instance id longer than 100 characters'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "'a{40}\.\.\.' is 101 characters long"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -InstanceId ('a' * 101) -EndpointUrl $Url } }
        @{ Name = "an instance id with '/'"; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "'abc/def' holds '/' at position 4"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -InstanceId 'abc/def' -EndpointUrl $Url } }
        @{ Name = 'an instance id with a control character'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = 'abc\\u0007def.*control character'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId "abc$([char]7)def" -EndpointUrl $Url } }
        @{ Name = 'a user id with a control character'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = 'u\\u001b1.*control character'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -UserId "u$([char]27)1" -EndpointUrl $Url } }
        @{ Name = 'a malformed ARN'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "'arn:aws:connect:us-east-1:123' is not a well-formed ARN"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -InstanceId 'arn:aws:connect:us-east-1:123' -EndpointUrl $Url } }
        @{ Name = 'an ARN of another service'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "'arn:aws:s3:::bucket'.*service 's3'"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -InstanceId 'arn:aws:s3:::bucket' -EndpointUrl $Url } }
        @{ Name = 'an ARN of another Connect resource type (queue)'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '/queue/q1.*Connect queue'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId "$($Inst.Arn)/queue/q1" -EndpointUrl $Url } }
        @{ Name = 'a user ARN given to Get-ConnectInstance -InstanceId'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = 'ARN of a user, not of an instance'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -InstanceId $Inst.Users[0].Arn -EndpointUrl $Url } }
        @{ Name = 'an agent ARN whose instance differs from -InstanceId'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = 'belongs to instance .* but -InstanceId is ''00000000-0000-4000-8000-000000000009'''
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId '00000000-0000-4000-8000-000000000009' -UserId $Inst.Users[0].Arn -EndpointUrl $Url } }
        @{ Name = 'an ARN whose Region conflicts with -Region'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = "-Region is 'eu-central-1' but the ARN"
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Arn -Region 'eu-central-1' -EndpointUrl $Url } }
        @{ Name = 'an unknown Region name'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "'mars-north-1' \(from -Region\) is not an AWS Region"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -Region 'mars-north-1' -EndpointUrl $Url } }
        @{ Name = "-EndpointUrl 'not a url'"; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "'not a url' is not an absolute http or https URL"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -EndpointUrl 'not a url' } }
        @{ Name = "-EndpointUrl 'ftp://x'"; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = "'ftp://x' is not an absolute http or https URL"
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl 'ftp://x' } }
        @{ Name = '-CaBundle path that does not exist'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = 'no-such-bundle\.pem.* does not exist'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -CaBundle (Join-Path $Dir 'no-such-bundle.pem') -EndpointUrl $Url } }
        @{ Name = '-CaBundle file that is not a certificate'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = 'not-a-cert\.txt.* (is not a PEM or DER|holds no certificate)'
            Run = { param($Url, $Inst, $Dir)
                $f = Join-Path $Dir 'not-a-cert.txt'; Set-Content -LiteralPath $f -Value 'hello, I am not a certificate'
                Get-ConnectInstance -CaBundle $f -EndpointUrl $Url } }
        @{ Name = 'negative -ReadTimeoutSec'; Id = 'ParameterArgumentValidationError'; Cmd = 'GetConnectInstance'; Match = 'ReadTimeoutSec.*-1'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -ReadTimeoutSec -1 -EndpointUrl $Url } }
        @{ Name = 'negative -ConnectTimeoutSec'; Id = 'ParameterArgumentValidationError'; Cmd = 'GetConnectUser'; Match = 'ConnectTimeoutSec.*-5'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -ConnectTimeoutSec -5 -EndpointUrl $Url } }
        @{ Name = '-ThrottleLimit 0'; Id = 'ParameterArgumentValidationError'; Cmd = 'GetConnectUser'; Match = 'ThrottleLimit'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -ThrottleLimit 0 -EndpointUrl $Url } }
        @{ Name = '-MaxRequestRate 0'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-MaxRequestRate must be a number of calls per second from 0\.1 to 10000'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -MaxRequestRate 0 -EndpointUrl $Url } }
        @{ Name = '-MaxRequestRate NaN'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = '-MaxRequestRate must be a number of calls per second'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -MaxRequestRate ([double]::NaN) -EndpointUrl $Url } }
        @{ Name = 'CONNECTTOOLS_API_QUOTAS that cannot be read'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = "CONNECTTOOLS_API_QUOTAS is 'DescribeUser=fast/5'.*DescribeUser=50/75"
            Run = { param($Url, $Inst, $Dir)
                $saved = $env:CONNECTTOOLS_API_QUOTAS
                try { $env:CONNECTTOOLS_API_QUOTAS = 'DescribeUser=fast/5'; Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl $Url }
                finally { $env:CONNECTTOOLS_API_QUOTAS = $saved } } }
        @{ Name = '-Tag with an empty key'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-Tag has an empty key'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -Tag @{ '' = 'Sales' } -EndpointUrl $Url } }
        @{ Name = '-ProfileName that does not exist'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = "profile 'no-such-profile'.*not found. Searched credentials file '.*credentials'"
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -ProfileName 'no-such-profile' -EndpointUrl $Url } }
        @{ Name = '-AccessKey without -SecretKey'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectInstance'; Match = '-AccessKey was given without -SecretKey'
            Run = { param($Url, $Inst, $Dir) Get-ConnectInstance -AccessKey 'AKIDONLYTHEKEY000001' -EndpointUrl $Url } }
        @{ Name = '-NoSignRequest with -AccessKey/-SecretKey'; Id = 'ConnectInvalidArgument'; Cmd = 'GetConnectUser'; Match = '-NoSignRequest.*cannot be combined with -AccessKey'
            Run = { param($Url, $Inst, $Dir) Get-ConnectUser -InstanceId $Inst.Id -NoSignRequest -AccessKey 'AKIDEMULATOR00000001' -SecretKey 'x' -EndpointUrl $Url } }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-TestEmulator -Instances 1 -Users 3 -Arguments '--no-quotas'
    $script:AwsState = Enter-TestAwsEnvironment
    $script:Url = $Emu.Url
    $script:Inst = $Emu.Data.Instances[0]
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    Stop-TestEmulator $script:Emu
}

Describe 'Bad input is refused before any request' {
    BeforeEach { Reset-EmulatorStats $Emu }

    It '<Name>' -ForEach $Cases {
        $run = $Run
        $r = Invoke-Captured { & $run $Url $Inst $TestDrive }
        $errors = @($r.Errors) + @($r.Terminating | Where-Object { $_ })
        $r.Output.Count | Should -Be 0
        $errors.Count | Should -Be 1 -Because "one error is expected; got: $($errors | ForEach-Object { $_.FullyQualifiedErrorId + ': ' + $_ })"
        $errors[0].FullyQualifiedErrorId | Should -Be "$Id,ConnectTools.Commands.$($Cmd)Command"
        $errors[0].ToString() | Should -Match $Match
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0 -Because 'nothing may reach the service for unusable input'
    }

    It 'a bad id among good ones: the good ones are fetched, the bad one gets one error' {
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -UserId $Inst.Users[0].Id, 'bad/id', $Inst.Users[1].Id -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        @($r.Output.UserId) | Should -Be @($Inst.Users[0].Id, $Inst.Users[1].Id)
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectInvalidArgument,ConnectTools.Commands.GetConnectUserCommand'
        $r.Errors[0].TargetObject | Should -Be 'bad/id'
        (Get-EmulatorStats $Emu).Operations.DescribeUser.Requests | Should -Be 2
    }
}
