// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_NO_CLOBBER_HPP
#define BOOST_TEMPFILE_NO_CLOBBER_HPP
#pragma once

// The tag that asks persist() (and friends) to fail with EEXIST rather than
// replace an existing target: `f.persist(target, boost::tempfile::no_clobber);`

namespace boost {
namespace tempfile {

struct no_clobber_t
{
    explicit no_clobber_t() = default;
};

constexpr no_clobber_t no_clobber{};

} // namespace tempfile
} // namespace boost

#endif
