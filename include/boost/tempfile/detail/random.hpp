// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_RANDOM_HPP
#define BOOST_TEMPFILE_DETAIL_RANDOM_HPP
#pragma once

// Names must be unpredictable (an attacker who can guess the next name can
// make every attempt fail) but a system call per name is too dear. So each
// thread keys SipHash-1-3 once from the OS generator and hashes a counter:
// outputs cannot be predicted from earlier names without the key. The key is
// renewed in a forked child and whenever the caller asks (after collisions).
//
// Why 1-3 and not 2-4: a guessed name costs a retry, never safety (every
// creation is exclusive and follows no link), so the margin of 2-4 buys
// nothing here, while its three extra rounds were a tenth of the user-space
// cost of a create+destroy. 1-3 is the variant Rust's standard hash maps key
// against flooding attacks -- the same kind of adversary.

#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/process.hpp>

#include <boost/config.hpp>

#include <cstddef>
#include <cstdint>
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#else
#include <fcntl.h>
#include <unistd.h>
#endif
// What only the key's definitions need (with BOOST_TEMPFILE_SEPARATE_COMPILATION
// they are compiled once, in libs/tempfile/src).
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
#include <boost/tempfile/detail/eintr.hpp>
#include <cerrno>
#include <chrono>
#if defined(__linux__)
#include <sys/random.h>
#endif
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
#include <stdlib.h>
#define BOOST_TEMPFILE_HAS_ARC4RANDOM 1
#endif
#endif

namespace boost {
namespace tempfile {
namespace detail {

inline std::uint64_t rotl64(std::uint64_t x, int b) noexcept
{
    return (x << b) | (x >> (64 - b));
}

//! One SipRound. Forced inline: as a lambda it was left out of line at -O3,
//! and the calls were a sixth of a named create+destroy.
BOOST_FORCEINLINE void sip_round(std::uint64_t& v0, std::uint64_t& v1, std::uint64_t& v2, std::uint64_t& v3) noexcept
{
    v0 += v1; v1 = rotl64(v1, 13); v1 ^= v0; v0 = rotl64(v0, 32);
    v2 += v3; v3 = rotl64(v3, 16); v3 ^= v2;
    v0 += v3; v3 = rotl64(v3, 21); v3 ^= v0;
    v2 += v1; v1 = rotl64(v1, 17); v1 ^= v2; v2 = rotl64(v2, 32);
}

//! SipHash-1-3 of one 64-bit word under the 128-bit key (k0, k1).
inline std::uint64_t siphash13(std::uint64_t k0, std::uint64_t k1, std::uint64_t m) noexcept
{
    std::uint64_t v0 = k0 ^ 0x736f6d6570736575ull;
    std::uint64_t v1 = k1 ^ 0x646f72616e646f6dull;
    std::uint64_t v2 = k0 ^ 0x6c7967656e657261ull;
    std::uint64_t v3 = k1 ^ 0x7465646279746573ull;
    v3 ^= m; sip_round(v0, v1, v2, v3); v0 ^= m;
    const std::uint64_t last = std::uint64_t(8) << 56; // message length 8 in the last byte
    v3 ^= last; sip_round(v0, v1, v2, v3); v0 ^= last;
    v2 ^= 0xff; sip_round(v0, v1, v2, v3); sip_round(v0, v1, v2, v3); sip_round(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

//! Fills buf from the OS generator. Returns false only if every source failed.
BOOST_TEMPFILE_DECL bool os_random(void* buf, std::size_t n) noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL bool os_random(void* buf, std::size_t n) noexcept
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    // The system-preferred generator needs no algorithm handle (Vista+).
    return n <= 0xffffffffu && BCRYPT_SUCCESS(::BCryptGenRandom(nullptr, static_cast< PUCHAR >(buf),
                                                                static_cast< ULONG >(n),
                                                                BCRYPT_USE_SYSTEM_PREFERRED_RNG));
#elif defined(BOOST_TEMPFILE_HAS_ARC4RANDOM)
    ::arc4random_buf(buf, n);
    return true;
#else
    unsigned char* p = static_cast< unsigned char* >(buf);
    std::size_t got = 0;
    eintr_budget interrupted;
#if defined(__linux__)
    while (got < n)
    {
        ::ssize_t r = ::getrandom(p + got, n - got, 0);
        if (r < 0)
        {
            if (interrupted.retry())
                continue;
            break;
        }
        got += static_cast< std::size_t >(r);
    }
    if (got == n)
        return true;
#endif
    int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    while (got < n)
    {
        ::ssize_t r = ::read(fd, p + got, n - got);
        if (r < 0 && interrupted.retry())
            continue;
        if (r <= 0)
            break;
        got += static_cast< std::size_t >(r);
    }
    ::close(fd);
    return got == n;
#endif
}
#endif

struct random_state
{
    std::uint64_t k0, k1, counter;
    unsigned generation;
    bool keyed;
};

//! Per thread (and, header-only, per executable or shared library: each
//! copy is keyed from the system, so names stay unpredictable either way).
inline random_state& thread_random_state() noexcept
{
    static thread_local random_state state{}; // trivial: no TLS initialisation guard
    return state;
}

//! A new key for s: once per thread and per fork, and after collisions.
BOOST_TEMPFILE_DECL void rekey(random_state& s) noexcept;
#if BOOST_TEMPFILE_HEADER_DEFINITIONS
BOOST_TEMPFILE_DECL void rekey(random_state& s) noexcept
{
    std::uint64_t key[2];
    if (!os_random(key, sizeof key))
    {
        // No OS generator (no /dev/urandom in a chroot, say): names stay unique
        // through O_EXCL, only less unpredictable. Mix what differs per call.
        std::uint64_t t = static_cast< std::uint64_t >(std::chrono::steady_clock::now().time_since_epoch().count());
#if defined(BOOST_TEMPFILE_WINDOWS)
        const std::uint64_t pid = ::GetCurrentProcessId();
#else
        const std::uint64_t pid = static_cast< std::uint64_t >(::getpid());
#endif
        key[0] = siphash13(t, reinterpret_cast< std::uintptr_t >(&s), pid);
        key[1] = siphash13(key[0], s.k1 ^ t, s.counter);
    }
    s.k0 = key[0];
    s.k1 = key[1];
    s.counter = 0;
    s.generation = fork_generation();
    s.keyed = true;
}
#endif

inline std::uint64_t random_word() noexcept
{
    random_state& s = thread_random_state();
    if (!s.keyed || s.generation != fork_generation())
        rekey(s);
    return siphash13(s.k0, s.k1, s.counter++);
}

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
