// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The separately compiled part of Boost.TempFile (BOOST_TEMPFILE_SEPARATE_COMPILATION,
// see <boost/tempfile/detail/config.hpp>): the one definition of each piece
// of process-wide state. The headers hold the definitions; BOOST_TEMPFILE_SOURCE
// makes them out-of-line and exported here, while every other translation
// unit of the program sees declarations only. Built shared, it is one copy of
// the state for every executable and shared library of a process.
//
// Every header is included, so that no accessor declared with
// BOOST_TEMPFILE_DECL can be left without its definition.

#ifndef BOOST_TEMPFILE_SOURCE
#define BOOST_TEMPFILE_SOURCE 1
#endif

#include <boost/tempfile.hpp>
