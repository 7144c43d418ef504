#define BOOST_TEST_MODULE smoke
#include <boost/tempfile.hpp>
#include <boost/test/unit_test.hpp>
namespace tf = boost::tempfile;
BOOST_AUTO_TEST_CASE(named_file_exists_then_is_removed)
{
    boost::filesystem::path p;
    {
        tf::named_temp_file<> f;
        p = f.path();
        BOOST_TEST(boost::filesystem::exists(p));
    }
    BOOST_TEST(!boost::filesystem::exists(p));
}
