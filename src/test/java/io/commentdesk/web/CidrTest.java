package io.commentdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesAddressesInsideARangeOnly() {
        Cidr range = Cidr.parse("203.0.113.0/24").orElseThrow();
        assertThat(range.contains("203.0.113.7")).isTrue();
        assertThat(range.contains("203.0.114.7")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/9").orElseThrow().contains("10.127.255.255")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").orElseThrow().contains("10.128.0.0")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").orElseThrow().contains("2001:db8:1::5")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").orElseThrow().contains("203.0.113.7")).isFalse();
        assertThat(Cidr.parse("198.51.100.4").orElseThrow().contains("198.51.100.4")).isTrue();
        assertThat(Cidr.parse("198.51.100.4").orElseThrow().contains("198.51.100.5")).isFalse();
    }

    @Test
    void refusesWhatIsNotAnAddressWithoutAskingDns() {
        assertThat(Cidr.parse("example.com")).isEmpty();
        assertThat(Cidr.parse("10.0.0.0/33")).isEmpty();
        assertThat(Cidr.parse("10.0.0.0/x")).isEmpty();
        assertThat(Cidr.parse("")).isEmpty();
        assertThat(Cidr.parse("203.0.113.0/24").orElseThrow().text()).isEqualTo("203.0.113.0/24");
    }
}
