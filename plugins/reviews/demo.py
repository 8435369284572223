def load_demo(stdout=None):
    from .demo_data import ReviewsDemo

    ReviewsDemo(stdout).run()
