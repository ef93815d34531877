import Testing

@testable import ATMHandler

/// haproxy's `ssl_c_s_dn(,0,rfc2253)` against what stunnel put in `SSL_CLIENT_DN` for the same certificate:
/// each pair below was printed by OpenSSL 3.0 (`-nameopt RFC2253`) and by stunnel 5.68 for one certificate.
@Suite("A certificate subject in stunnel's spelling")
struct SubjectNameTests {
    private func stunnel(_ rfc2253: String) -> String {
        String(decoding: SubjectName.stunnelOrder(fromRFC2253: Array(rfc2253.utf8)[...]), as: UTF8.self)
    }

    @Test func aPlainSubjectIsReversedWithCommaAndSpace() {
        #expect(stunnel("CN=terminal-0042,O=ATM network") == "O=ATM network, CN=terminal-0042")
    }

    @Test func utf8IsBareAndAValueWithASeparatorIsQuoted() {
        #expect(
            stunnel(#"UID=7+CN=t,OU=q\"uo\\te,OU=a\+b\;c\<d\>e,OU=Z\C3\BCrich\, S\C3\BCd,O=ATM network"#)
                == #"O=ATM network, OU="Zürich, Süd", OU="a+b;c<d>e", OU=q\"uo\\te, CN=t + UID=7"#)
    }

    @Test func leadingHashOrSpaceAndTrailingSpaceAreQuoted() {
        #expect(
            stunnel(##"CN=\#t-1\ ,OU=\ lead#,OU=a,OU=Z\C3\BCrich\, S\C3\BCd,O=ATM network"##)
                == ##"O=ATM network, OU="Zürich, Süd", OU=a, OU=" lead#", CN="#t-1 ""##)
    }

    @Test func aControlCharacterStaysEscaped() {
        #expect(stunnel(#"CN=a\0Ab,O=x"#) == #"O=x, CN=a\0Ab"#)
    }
}
