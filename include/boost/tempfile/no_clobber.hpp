// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_NO_CLOBBER_HPP
#define BOOST_TEMPFILE_NO_CLOBBER_HPP
#pragma once

// How persist() publishes a file:
//     f.persist(target, boost::tempfile::no_clobber);            // fail if target exists
//     f.persist(target, boost::tempfile::durable);               // survive a crash
//     f.persist(target, boost::tempfile::no_clobber | boost::tempfile::durable);
// Without `durable` a publication is atomic for visibility only: other
// processes see the old file or the new one, never a mix, but after a crash
// the new name may point at a file whose data never reached the disk.

namespace boost {
namespace tempfile {

//! Asks persist() (and friends) to fail with the system's "exists" rather
//! than replace an existing target.
struct no_clobber_t
{
    explicit no_clobber_t() = default;
};

constexpr no_clobber_t no_clobber{};

//! Asks persist() to make the publication survive a crash: the file's data
//! is flushed to disk before it is renamed, and the directory (which holds
//! the new name) after.
struct durable_t
{
    explicit durable_t() = default;
};

constexpr durable_t durable{};

//! The choices of one persist(): no_clobber and durable convert to it, and
//! `no_clobber | durable` combines them.
class persist_flags
{
public:
    constexpr persist_flags() noexcept = default;
    constexpr persist_flags(no_clobber_t) noexcept : bits_(no_clobber_bit) {}
    constexpr persist_flags(durable_t) noexcept : bits_(durable_bit) {}

    //! Whether an existing target makes the publication fail.
    constexpr bool has_no_clobber() const noexcept { return (bits_ & no_clobber_bit) != 0; }

    //! Whether the file and its directory are flushed to disk.
    constexpr bool has_durable() const noexcept { return (bits_ & durable_bit) != 0; }

    friend constexpr persist_flags operator|(persist_flags a, persist_flags b) noexcept
    {
        return persist_flags(static_cast< unsigned char >(a.bits_ | b.bits_));
    }
    friend constexpr bool operator==(persist_flags a, persist_flags b) noexcept { return a.bits_ == b.bits_; }
    friend constexpr bool operator!=(persist_flags a, persist_flags b) noexcept { return a.bits_ != b.bits_; }

private:
    static constexpr unsigned char no_clobber_bit = 1, durable_bit = 2;
    explicit constexpr persist_flags(unsigned char bits) noexcept : bits_(bits) {}
    unsigned char bits_ = 0;
};

//! `no_clobber | durable`, `durable | no_clobber` (found by argument-dependent
//! lookup on the tags).
constexpr persist_flags operator|(no_clobber_t a, durable_t b) noexcept
{
    return persist_flags(a) | persist_flags(b);
}
constexpr persist_flags operator|(durable_t a, no_clobber_t b) noexcept
{
    return persist_flags(a) | persist_flags(b);
}

} // namespace tempfile
} // namespace boost

#endif
